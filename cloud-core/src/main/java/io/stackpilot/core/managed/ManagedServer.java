package io.stackpilot.core.managed;

import io.stackpilot.core.common.Require;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A server whose intent Stackpilot owns: the spec its owner declared and the status the engine observed. Scoped to
 * the owner's project: the same name in another project is another resource. {@code managed} false means observed
 * only (imported): the engine reports the VM's state and never creates or deletes it. {@code reconcile} false means
 * the engine does not recreate or replace a VM that went away or failed. {@code generation} grows by one with every
 * spec change. {@code deletionRequestedAt} is set once deletion is asked for. {@code scheduleId} names the schedule
 * that declared it (null for one its owner declared or imported); it is set when the resource is made and never
 * changes, and every VM booted for it carries {@value #SCHEDULE_METADATA_KEY}{@code =<schedule id>}.
 */
public record ManagedServer(UUID id, String projectId, String name, boolean managed, boolean reconcile,
                            ManagedServerSpec spec, long generation, ManagedServerStatus status, Instant createdAt,
                            Instant updatedAt, Instant deletionRequestedAt, UUID scheduleId) {
    /** The Nova metadata key whose value is the resource id: how the engine finds its VM after a crash. */
    public static final String MARKER_METADATA_KEY = "stackpilot:managed";
    /** The Nova metadata key whose value is the id of the schedule that declared the resource. */
    public static final String SCHEDULE_METADATA_KEY = "stackpilot:schedule";
    /** A DNS label (RFC 1123), as the API requires of names. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    public ManagedServer {
        Require.notNull(id, "id");
        Require.notBlank(projectId, "projectId");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be a DNS label, was " + name);
        }
        Require.notNull(spec, "spec");
        if (generation < 1) {
            throw new IllegalArgumentException("generation starts at 1");
        }
        Require.notNull(status, "status");
        Require.notNull(createdAt, "createdAt");
        Require.notNull(updatedAt, "updatedAt");
    }

    public boolean deletionRequested() {
        return deletionRequestedAt != null;
    }

    /** The marker value the VM carries in its metadata. */
    public String marker() {
        return id.toString();
    }

    public ManagedServer withStatus(ManagedServerStatus next) {
        return new ManagedServer(id, projectId, name, managed, reconcile, spec, generation, next, createdAt, updatedAt,
                deletionRequestedAt, scheduleId);
    }
}
