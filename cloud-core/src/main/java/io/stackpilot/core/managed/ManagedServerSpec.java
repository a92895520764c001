package io.stackpilot.core.managed;

import io.stackpilot.core.common.Require;
import java.util.List;
import java.util.Objects;

/**
 * What the owner declared, with flavor, image and networks RESOLVED to ids (what the engine boots with) next to
 * what the caller wrote (id or name, shown back as written). {@code placement} is kept opaque (the JSON the caller
 * sent, or null for "the caller's cloud and region") until placement over locations is built on this engine.
 * An observed (imported, unmanaged) server has the VM's flavor and image and may have no networks.
 */
public record ManagedServerSpec(String flavorId, String imageId, List<String> networkIds, String flavor,
                                String image, List<String> networks, boolean preemptible, UpdatePolicy updatePolicy,
                                String placement) {
    public ManagedServerSpec {
        Require.notBlank(flavorId, "flavorId");
        networkIds = List.copyOf(Require.notNull(networkIds, "networkIds"));
        flavor = flavor == null ? flavorId : flavor;
        image = image == null ? imageId : image;
        networks = networks == null ? networkIds : List.copyOf(networks);
        Require.notNull(updatePolicy, "updatePolicy");
    }

    /**
     * True when going from this spec to {@code next} needs a new VM: Nova cannot change a running server's flavor,
     * image or networks in place (resize, rebuild and interface changes are separate, disruptive actions).
     */
    public boolean needsNewServerFor(ManagedServerSpec next) {
        return !flavorId.equals(next.flavorId) || !Objects.equals(imageId, next.imageId)
                || !networkIds.equals(next.networkIds);
    }
}
