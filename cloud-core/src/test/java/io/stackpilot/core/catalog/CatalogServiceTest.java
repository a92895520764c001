package io.stackpilot.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.error.UpstreamUnavailableException;
import io.stackpilot.core.image.Image;
import io.stackpilot.core.network.Network;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import org.junit.jupiter.api.Test;

class CatalogServiceTest {
    private final FakeCloud cloud = FakeCloud.withLabContent(MutableClock.at("2026-11-22T06:00:00Z"));
    private final CatalogService catalog = new CatalogService(cloud, cloud, cloud);

    @Test
    void lists_flavors_smallest_first() {
        assertThat(catalog.flavors(TestData.session(TestData.demo())))
                .extracting(Flavor::name).containsExactly("m1.tiny", "m1.small", "m1.medium", "m1.large");
    }

    @Test
    void lists_images_and_networks_by_name() {
        assertThat(catalog.images(TestData.session(TestData.demo()))).extracting(Image::name)
                .containsExactly("cirros-0.6-lab");
        assertThat(catalog.networks(TestData.session(TestData.demo()))).extracting(Network::name)
                .containsExactly("private", "public");
    }

    @Test
    void passes_upstream_faults_through() {
        cloud.failNext(() -> new UpstreamUnavailableException("compute", "nova down", null, null));
        assertThatThrownBy(() -> catalog.flavors(TestData.session(TestData.demo())))
                .isInstanceOf(UpstreamUnavailableException.class);
    }
}
