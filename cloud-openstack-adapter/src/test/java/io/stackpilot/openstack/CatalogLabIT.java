package io.stackpilot.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.identity.Session;
import io.stackpilot.core.image.Image;
import io.stackpilot.core.network.Network;
import io.stackpilot.core.network.Subnet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Glance and Neutron, reached through the lab's unversioned catalog endpoints. */
class CatalogLabIT {
    private static OpenStackCloud cloud;
    private static Session demo;

    @BeforeAll
    static void connect() {
        cloud = Lab.connect("lab-admin", UpstreamObserver.NONE);
        demo = Lab.login(cloud, "demo", "demo", "demo");
    }

    @AfterAll
    static void close() {
        cloud.close();
    }

    @Test
    void demo_sees_the_public_image_and_its_own_private_one() {
        List<Image> images = cloud.images().listImages(demo);

        assertThat(images).extracting(Image::name).contains("cirros-0.6-lab", "demo-private-image");
        assertThat(images).filteredOn(image -> image.name().equals("cirros-0.6-lab")).singleElement()
                .satisfies(image -> {
                    assertThat(image.visibility()).isEqualTo("public");
                    assertThat(image.sizeBytes()).isEqualTo(65536L);
                    assertThat(image.location()).isEqualTo(new io.stackpilot.core.common.Location("lab-admin",
                            "RegionOne"));
                });
        assertThat(demo.trace().requestIds()).isNotEmpty();
    }

    @Test
    void alt_demo_does_not_see_demos_private_image() {
        Session altDemo = Lab.login(cloud, "alt-demo", "demo", "alt-demo");

        assertThat(cloud.images().listImages(altDemo)).extracting(Image::name).doesNotContain("demo-private-image");
    }

    @Test
    void demo_sees_its_private_network_with_both_subnets_and_the_shared_public_one() {
        List<Network> networks = cloud.networks().listNetworks(demo);

        assertThat(networks).filteredOn(network -> network.name().equals("private")).singleElement()
                .satisfies(network -> assertThat(network.subnets()).extracting(Subnet::cidr)
                        .containsExactlyInAnyOrder("10.0.0.0/24", "fd00:10::/64"));
        assertThat(networks).filteredOn(network -> network.name().equals("public")).singleElement()
                .satisfies(network -> {
                    assertThat(network.external()).isTrue();
                    assertThat(network.subnets()).extracting(Subnet::cidr).containsExactly("203.0.113.0/24");
                });
        assertThat(networks).extracting(Network::name).doesNotContain("alt-private");
    }
}
