package io.stackpilot.core.catalog;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.image.Image;
import io.stackpilot.core.image.ImageGateway;
import io.stackpilot.core.network.Network;
import io.stackpilot.core.network.NetworkGateway;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * What a server can be launched from, as the session's project sees it: flavors, images and networks. Lists are
 * sorted (flavors by size, images and networks by name) so that answers are stable. Lists come from a
 * {@link CatalogCache} keyed by the session's location, project and roles (never another project's view); a
 * {@link Freshness#FRESH} call asks the cloud and stores its answer. A background refresh calls the cloud with the
 * token of the session that found the list due, under a trace of its own. Thread-safe.
 */
public final class CatalogService {
    private static final Comparator<Flavor> FLAVOR_ORDER = Comparator.comparingInt(Flavor::vcpus)
            .thenComparingInt(Flavor::ramMb).thenComparing(Flavor::name).thenComparing(Flavor::id);

    private final ComputeGateway compute;
    private final ImageGateway images;
    private final NetworkGateway networks;
    private final CatalogCache cache;

    /** A catalog without a cache: every call asks the cloud. */
    public CatalogService(ComputeGateway compute, ImageGateway images, NetworkGateway networks) {
        this(compute, images, networks, CatalogCache.none());
    }

    public CatalogService(ComputeGateway compute, ImageGateway images, NetworkGateway networks, CatalogCache cache) {
        this.compute = compute;
        this.images = images;
        this.networks = networks;
        this.cache = cache;
    }

    public List<Flavor> flavors(Session session) {
        return flavors(session, Freshness.CACHED);
    }

    public List<Flavor> flavors(Session session, Freshness freshness) {
        return list(Flavor.class, session, freshness,
                s -> compute.listFlavors(s).stream().sorted(FLAVOR_ORDER).toList());
    }

    public List<Image> images(Session session) {
        return images(session, Freshness.CACHED);
    }

    public List<Image> images(Session session, Freshness freshness) {
        return list(Image.class, session, freshness, s -> images.listImages(s).stream()
                .sorted(Comparator.comparing(Image::name).thenComparing(Image::id)).toList());
    }

    public List<Network> networks(Session session) {
        return networks(session, Freshness.CACHED);
    }

    public List<Network> networks(Session session, Freshness freshness) {
        return list(Network.class, session, freshness, s -> networks.listNetworks(s).stream()
                .sorted(Comparator.comparing(Network::name).thenComparing(Network::id)).toList());
    }

    /**
     * Forgets the stored lists of {@code type} ({@code Flavor.class}, {@code Image.class} or {@code Network.class})
     * of every project at {@code location}: call it after Stackpilot changed them, so no caller sees the old list.
     */
    public void changed(Class<?> type, Location location) {
        cache.invalidate(type, location);
    }

    private <T> List<T> list(Class<T> type, Session session, Freshness freshness, Function<Session, List<T>> load) {
        CatalogKey<T> key = CatalogKey.of(type, session);
        if (freshness == Freshness.FRESH) {
            return cache.reload(key, () -> load.apply(session));
        }
        return cache.get(key, () -> load.apply(session),
                () -> load.apply(new Session(session.token(), session.principal(), session.location())));
    }
}
