package io.stackpilot.core.managed;

import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.image.Image;
import io.stackpilot.core.image.ImageGateway;
import io.stackpilot.core.network.Network;
import io.stackpilot.core.network.NetworkGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A spec's flavor, image and networks in a location other than the owner's own cloud, which has its own ids. Each
 * is looked up there as the caller wrote it, by id first and then by name, as {@link SpecResolver} does at apply
 * time: a name works in every location that has exactly one resource of that name; an id works only where that id
 * exists (in practice its own cloud, or regions sharing one catalog). The VM keeps the fingerprint of the spec as
 * resolved at home, so that it matches wherever it runs. Thread-safe; does I/O on every call.
 */
final class SpecInLocation {
    private final ComputeGateway compute;
    private final ImageGateway images;
    private final NetworkGateway networks;

    SpecInLocation(ComputeGateway compute, ImageGateway images, NetworkGateway networks) {
        this.compute = compute;
        this.images = images;
        this.networks = networks;
    }

    /** The spec with that location's ids, or the reason why it cannot boot there (one sentence naming each gap). */
    record Resolved(ManagedServerSpec spec, String lacking) {
    }

    Resolved resolve(Session session, ManagedServerSpec spec) {
        List<String> lacking = new ArrayList<>();
        String flavorId = one(lacking, "flavor", spec.flavor(), compute.listFlavors(session), Flavor::id,
                Flavor::name);
        String imageId = spec.image() == null ? null
                : one(lacking, "image", spec.image(), images.listImages(session), Image::id, Image::name);
        List<String> networkIds = new ArrayList<>();
        if (!spec.networks().isEmpty()) {
            List<Network> known = networks.listNetworks(session);
            for (String wanted : spec.networks()) {
                networkIds.add(one(lacking, "network", wanted, known, Network::id, Network::name));
            }
        }
        if (!lacking.isEmpty()) {
            return new Resolved(null, "lacks " + String.join(", ", lacking));
        }
        return new Resolved(new ManagedServerSpec(flavorId, imageId, networkIds, spec.flavor(), spec.image(),
                spec.networks(), spec.preemptible(), spec.updatePolicy(), spec.placement()), null);
    }

    private static <T> String one(List<String> lacking, String kind, String wanted, List<T> known,
                                  Function<T, String> id, Function<T, String> name) {
        for (T candidate : known) {
            if (id.apply(candidate).equals(wanted)) {
                return id.apply(candidate);
            }
        }
        List<T> named = known.stream().filter(candidate -> wanted.equals(name.apply(candidate))).toList();
        if (named.size() == 1) {
            return id.apply(named.getFirst());
        }
        lacking.add(named.isEmpty() ? "the " + kind + " \"" + wanted + "\" (no " + kind + " with that id or name)"
                : "a single " + kind + " \"" + wanted + "\" (" + named.size() + " share that name)");
        return null;
    }
}
