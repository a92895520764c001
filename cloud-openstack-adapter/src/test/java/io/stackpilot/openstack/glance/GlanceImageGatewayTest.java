package io.stackpilot.openstack.glance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.error.UpstreamFailureException;
import io.stackpilot.core.image.Image;
import io.stackpilot.openstack.StubCloud;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GlanceImageGatewayTest {
    private final StubCloud stub = new StubCloud();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void lists_images_on_an_unversioned_endpoint_following_next_links_to_the_end() {
        stub.stub(get(urlPathEqualTo("/v2/images")).withQueryParam("marker", equalTo(
                "520efe7c-2c81-4460-ba82-a9a8f5d5d74a")).willReturn(aResponse().withStatus(200).withBody("""
                {"images": [{"id": "i2", "name": "demo-private-image", "status": "active", "visibility": "private",
                 "disk_format": "raw", "size": 16384, "min_disk": 0, "min_ram": 0, "unknown": true}],
                 "first": "/v2/images", "schema": "/v2/schemas/images"}""")));
        stub.stub(get(urlPathEqualTo("/v2/images")).atPriority(10).willReturn(stub.json(200,
                "glance/images-limit-1.json")));

        List<Image> images = stub.cloud.images().listImages(stub.userSession());

        assertThat(images).extracting(Image::name).containsExactly("cirros-0.6-lab", "demo-private-image");
        assertThat(images.getFirst()).isEqualTo(new Image("520efe7c-2c81-4460-ba82-a9a8f5d5d74a", "cirros-0.6-lab",
                "active", "public", "raw", 0, 0, 65536L, stub.location()));
        assertThat(stub.requestsTo("GET", "/v2/images")).extracting(LoggedRequest::getUrl).containsExactly(
                "/v2/images", "/v2/images?limit=1&marker=520efe7c-2c81-4460-ba82-a9a8f5d5d74a");
        assertThat(stub.requestsTo("GET", "/v2/images")).allSatisfy(request ->
                assertThat(request.getHeader("X-Auth-Token")).isEqualTo(StubCloud.USER_TOKEN));
    }

    @Test
    void resolves_next_links_against_an_endpoint_with_a_path_prefix() {
        assertThat(GlanceImageGateway.resolve(HttpUrl.get("https://cloud.example/image/v2"), "/v2/images?marker=x"))
                .isEqualTo(HttpUrl.get("https://cloud.example/image/v2/images?marker=x"));
    }

    @Test
    void finds_one_image_by_id_with_one_get_and_an_unknown_or_odd_id_is_empty() {
        stub.stub(get(urlPathEqualTo("/v2/images/520efe7c-2c81-4460-ba82-a9a8f5d5d74a")).willReturn(stub.json(200,
                "glance/image-get.json")));
        stub.stub(get(urlPathEqualTo("/v2/images/nope")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/html").withBody(stub.fixture("glance/error-not-found.html"))));

        assertThat(stub.cloud.images().findImage(stub.userSession(), "520efe7c-2c81-4460-ba82-a9a8f5d5d74a"))
                .hasValueSatisfying(image -> assertThat(image.name()).isEqualTo("cirros-0.6-lab"));
        assertThat(stub.cloud.images().findImage(stub.userSession(), "nope")).isEmpty();
        assertThat(stub.cloud.images().findImage(stub.userSession(), "%2E%2E")).isEmpty();
        assertThat(stub.requestsTo("GET", "/v2/images/520efe7c-2c81-4460-ba82-a9a8f5d5d74a")).singleElement()
                .satisfies(request -> assertThat(request.getHeader("X-Auth-Token")).isEqualTo(StubCloud.USER_TOKEN));
        assertThat(stub.requests()).as("no image list").noneMatch(request ->
                request.getUrl().split("\\?")[0].equals("/v2/images"));
    }

    @Test
    void reads_the_message_out_of_glances_html_error_pages() {
        stub.stub(get(urlPathEqualTo("/v2/images")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/html; charset=UTF-8")
                .withHeader("X-Openstack-Request-Id", "req-glance")
                .withBody(stub.fixture("glance/error-not-found.html"))));

        assertThatThrownBy(() -> stub.cloud.images().listImages(stub.userSession()))
                .isInstanceOfSatisfying(NotFoundException.class, notFound ->
                        assertThat(notFound.upstreamRequestId()).contains("req-glance"));
        stub.stub(get(urlPathEqualTo("/v2/images")).willReturn(aResponse().withStatus(500)
                .withBody(stub.fixture("glance/error-not-found.html").replace("404 Not Found", "500 Oops"))));
        assertThatThrownBy(() -> stub.cloud.images().listImages(stub.userSession()))
                .isInstanceOf(UpstreamFailureException.class)
                .hasMessage("the image service answered 500: No image found with ID 0ab42f03-70c9-4d9a-94be-1ad28242e0aa");
    }
}
