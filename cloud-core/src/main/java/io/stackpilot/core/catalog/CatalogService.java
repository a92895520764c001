package io.stackpilot.core.catalog;

import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.image.Image;
import io.stackpilot.core.image.ImageGateway;
import io.stackpilot.core.network.Network;
import io.stackpilot.core.network.NetworkGateway;
import java.util.Comparator;
import java.util.List;

/**
 * What a server can be launched from, as the session's project sees it: flavors, images and networks. Lists are
 * sorted (flavors by size, images and networks by name) so that answers are stable. Thread-safe.
 */
public final class CatalogService {
    private final ComputeGateway compute;
    private final ImageGateway images;
    private final NetworkGateway networks;

    public CatalogService(ComputeGateway compute, ImageGateway images, NetworkGateway networks) {
        this.compute = compute;
        this.images = images;
        this.networks = networks;
    }

    public List<Flavor> flavors(Session session) {
        return compute.listFlavors(session).stream()
                .sorted(Comparator.comparingInt(Flavor::vcpus).thenComparingInt(Flavor::ramMb)
                        .thenComparing(Flavor::name).thenComparing(Flavor::id))
                .toList();
    }

    public List<Image> images(Session session) {
        return images.listImages(session).stream()
                .sorted(Comparator.comparing(Image::name).thenComparing(Image::id))
                .toList();
    }

    public List<Network> networks(Session session) {
        return networks.listNetworks(session).stream()
                .sorted(Comparator.comparing(Network::name).thenComparing(Network::id))
                .toList();
    }
}
