package io.stackpilot.openstack.keystone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.error.UpstreamFailureException;
import io.stackpilot.openstack.http.OpenStackHttp;
import io.stackpilot.openstack.keystone.KeystoneJson.TokenEnvelope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class CatalogTest {
    /** The lab's catalog with a second region and distinct internal URLs added, as multi-region clouds have. */
    private static Catalog catalog() throws IOException {
        try (InputStream in = CatalogTest.class.getResourceAsStream("/fixtures/keystone/auth-tokens-password.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceFirst("(\"interface\": \"internal\",\\s*\"region_id\": \"RegionOne\",\\s*\"url\": )"
                            + "\"http://127.0.0.1:8774/v2.1\"", "$1\"http://nova.internal:8774/v2.1\"")
                    .replaceFirst("\"catalog\": \\[", """
                            "catalog": [{"type": "compute", "name": "nova", "endpoints": [
                             {"interface": "public", "region_id": "RegionTwo", "region": "RegionTwo",
                              "url": "https://r2.example/compute/v2.1"}]},""");
            return new Catalog(OpenStackHttp.JSON.readValue(json, TokenEnvelope.class).token().catalog());
        }
    }

    @Test
    void selects_an_endpoint_by_type_interface_and_region() throws IOException {
        Catalog catalog = catalog();

        assertThat(catalog.endpoint("compute", "public", "RegionOne")).hasToString("http://127.0.0.1:8774/v2.1");
        assertThat(catalog.endpoint("compute", "internal", "RegionOne")).hasToString("http://nova.internal:8774/v2.1");
        assertThat(catalog.endpoint("compute", "public", "RegionTwo")).hasToString("https://r2.example/compute/v2.1");
        assertThat(catalog.endpoint("image", "public", null)).hasToString("http://127.0.0.1:9292/");
    }

    @Test
    void fails_clearly_when_the_catalog_lacks_the_service() throws IOException {
        assertThatThrownBy(() -> catalog().endpoint("volumev3", "public", "RegionOne"))
                .isInstanceOf(UpstreamFailureException.class)
                .hasMessage("the service catalog has no public volumev3 endpoint in region RegionOne");
        assertThatThrownBy(() -> catalog().endpoint("image", "public", "RegionThree"))
                .isInstanceOf(UpstreamFailureException.class);
    }

    @Test
    void appends_the_api_version_only_when_it_is_missing() {
        assertThat(Catalog.withVersion(HttpUrl.get("http://h:9292"), "v2")).hasToString("http://h:9292/v2");
        assertThat(Catalog.withVersion(HttpUrl.get("http://h:9292/"), "v2")).hasToString("http://h:9292/v2");
        assertThat(Catalog.withVersion(HttpUrl.get("http://h:9292/v2"), "v2")).hasToString("http://h:9292/v2");
        assertThat(Catalog.withVersion(HttpUrl.get("http://h:9292/v2/"), "v2")).hasToString("http://h:9292/v2/");
        assertThat(Catalog.withVersion(HttpUrl.get("https://h/network"), "v2.0"))
                .hasToString("https://h/network/v2.0");
        assertThat(Catalog.withVersion(HttpUrl.get("https://h/network/v2.0"), "v2.0"))
                .hasToString("https://h/network/v2.0");
    }
}
