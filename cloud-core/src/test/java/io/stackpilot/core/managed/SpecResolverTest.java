package io.stackpilot.core.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.catalog.CatalogService;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.InMemoryCatalogCache;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resolving specs through a cached catalog: steady state lists nothing again, per project and roles. */
class SpecResolverTest {
    private final FakeCloud cloud = FakeCloud.withLabContent(MutableClock.at("2026-12-02T05:00:00Z"));
    private final SpecResolver resolver = new SpecResolver(new CatalogService(cloud, cloud, cloud,
            new InMemoryCatalogCache()), null);
    private final Session demo = TestData.session(TestData.demo());

    private static ApplyRequest request(String flavor) {
        return new ApplyRequest(flavor, "cirros-0.6-lab", List.of("private"), false, null, null, null, null);
    }

    @Test
    void steady_applies_list_flavors_images_and_networks_once() {
        for (int i = 0; i < 5; i++) {
            ManagedServerSpec spec = resolver.resolve(demo, "web-" + i, request("m1.small"));
            assertThat(spec.flavorId()).isEqualTo("2");
            assertThat(spec.imageId()).isEqualTo(TestData.CIRROS_IMAGE_ID);
            assertThat(spec.networkIds()).containsExactly(TestData.PRIVATE_NETWORK_ID);
        }

        assertThat(cloud.calls("listFlavors")).isEqualTo(1);
        assertThat(cloud.calls("listImages")).isEqualTo(1);
        assertThat(cloud.calls("listNetworks")).isEqualTo(1);
    }

    @Test
    void each_project_and_set_of_roles_gets_a_list_of_its_own() {
        resolver.resolve(demo, "web", request("m1.small"));
        resolver.resolve(TestData.session(TestData.altDemo()), "web", request("m1.small"));
        resolver.resolve(TestData.session(TestData.adminIn(TestData.DEMO)), "web", request("m1.small"));
        resolver.resolve(demo, "web", request("m1.small"));

        assertThat(cloud.calls("listFlavors")).as("demo, alt-demo, and an admin in demo").isEqualTo(3);
    }

    @Test
    void a_flavor_made_after_the_list_was_stored_is_found_in_a_fresh_list() {
        resolver.resolve(demo, "web", request("m1.small"));
        cloud.addFlavor(TestData.flavor("new-id", "standard", 1, 2048, 20));

        ManagedServerSpec spec = resolver.resolve(demo, "web", request("standard"));

        assertThat(spec.flavorId()).isEqualTo("new-id");
        assertThat(cloud.calls("listFlavors")).isEqualTo(2);
        assertThat(cloud.calls("listImages")).as("images were found in the stored list").isEqualTo(1);
        resolver.resolve(demo, "web", request("standard"));
        assertThat(cloud.calls("listFlavors")).as("the fresh list is stored").isEqualTo(2);
    }

    @Test
    void an_unknown_flavor_is_reported_after_one_fresh_look() {
        resolver.resolve(demo, "web", request("m1.small"));

        assertThatThrownBy(() -> resolver.resolve(demo, "web", request("no-such-flavor")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("no flavor with id or name \"no-such-flavor\"");
        assertThat(cloud.calls("listFlavors")).isEqualTo(2);
    }
}
