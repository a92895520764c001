package io.stackpilot.core.managed;

import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.location.Ownership;
import java.util.HashMap;
import java.util.Map;

/**
 * The engine's mutating calls on a cloud for one managed server, with the marker: every VM it boots carries
 * {@code stackpilot:managed=<resource id>} and the spec fingerprint (and {@code stackpilot:schedule=<schedule id>}
 * when a schedule declared it, and {@code stackpilot:owner=<project id>} in a provider location's account), and a delete that finds the VM already gone is
 * success (deletes are idempotent). Stateless.
 */
final class ServerActions {
    private final ComputeGateway compute;
    private final EngineLauncher launcher;

    ServerActions(ComputeGateway compute, EngineLauncher launcher) {
        this.compute = compute;
        this.launcher = launcher;
    }

    Server boot(Session session, ManagedServer resource) {
        return launcher(session, resource).launch(session, request(session, resource));
    }

    /**
     * Boots without making room first (a placement prefers another location with room over evicting), with
     * {@code spec}'s flavor, image and networks (the resource's spec resolved in the session's location); the VM
     * carries the fingerprint of the resource's own spec.
     */
    Server bootWithoutEviction(Session session, ManagedServer resource, ManagedServerSpec spec) {
        return compute.boot(session, request(session, resource, spec));
    }

    /** Boots again in place of a VM of the resource that found no host (deleted on the way). */
    Server bootInPlaceOf(Session session, ManagedServer resource, Server failed) {
        return launcher(session, resource).relaunch(session, request(session, resource), failed);
    }

    /** Evicting happens in the owner's own project only, never among other owners' VMs in a provider account. */
    private EngineLauncher launcher(Session session, ManagedServer resource) {
        return Ownership.actsInProviderAccount(session, resource.projectId()) ? EngineLauncher.plain(compute)
                : launcher;
    }

    private static BootRequest request(Session session, ManagedServer resource) {
        return request(session, resource, resource.spec());
    }

    private static BootRequest request(Session session, ManagedServer resource, ManagedServerSpec spec) {
        Map<String, String> metadata = new HashMap<>();
        if (Ownership.actsInProviderAccount(session, resource.projectId())) {
            metadata.put(Ownership.OWNER_METADATA_KEY, resource.projectId());
        }
        metadata.put(ManagedServer.MARKER_METADATA_KEY, resource.marker());
        metadata.put(SpecFingerprint.METADATA_KEY, SpecFingerprint.of(resource.spec()));
        if (resource.scheduleId() != null) {
            metadata.put(ManagedServer.SCHEDULE_METADATA_KEY, resource.scheduleId().toString());
        }
        return new BootRequest(resource.name(), spec.flavorId(), spec.imageId(), spec.networkIds(),
                spec.preemptible(), null, null, metadata);
    }

    /** Deletes the VM; false when it was already gone. The caller checked that it belongs to the owner. */
    boolean delete(Session session, Server server) {
        try {
            compute.delete(session, server.id());
            return true;
        } catch (NotFoundException alreadyGone) {
            return false;
        }
    }
}
