package io.stackpilot.server.http;

import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.image.Image;
import io.stackpilot.core.network.Network;
import java.util.List;

/** The catalog's JSON shapes (snake_case through the mapper). */
final class CatalogJson {
    private CatalogJson() {
    }

    record FlavorJson(String id, String name, int vcpus, int ramMb, int diskGb, int ephemeralGb, boolean isPublic) {
        static FlavorJson of(Flavor f) {
            return new FlavorJson(f.id(), f.name(), f.vcpus(), f.ramMb(), f.diskGb(), f.ephemeralGb(), f.isPublic());
        }
    }

    record ImageJson(String id, String name, String status, String visibility, String diskFormat, int minDiskGb,
                     int minRamMb, Long sizeBytes) {
        static ImageJson of(Image i) {
            return new ImageJson(i.id(), i.name(), i.status(), i.visibility(), i.diskFormat(), i.minDiskGb(),
                    i.minRamMb(), i.sizeBytes());
        }
    }

    record SubnetJson(String id, String cidr, int ipVersion) {
    }

    record NetworkJson(String id, String name, String status, boolean shared, boolean external,
                       List<SubnetJson> subnets) {
        static NetworkJson of(Network n) {
            return new NetworkJson(n.id(), n.name(), n.status(), n.shared(), n.external(), n.subnets().stream()
                    .map(s -> new SubnetJson(s.id(), s.cidr(), s.ipVersion())).toList());
        }
    }

    record Flavors(List<FlavorJson> flavors) {
    }

    record Images(List<ImageJson> images) {
    }

    record Networks(List<NetworkJson> networks) {
    }
}
