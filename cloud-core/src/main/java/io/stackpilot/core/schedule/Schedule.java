package io.stackpilot.core.schedule;

import io.stackpilot.core.common.Require;
import io.stackpilot.core.managed.ManagedServerSpec;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A desired count of managed servers that changes with time: while {@code window} is open (and the schedule is
 * enabled) its project wants {@code count} managed servers {@code <name>-1 .. <name>-<count>} built from
 * {@code spec}; otherwise none. Scoped to the owner's project; {@code deletionRequestedAt} is set once deletion is
 * asked for (its servers go first, then the schedule).
 */
public record Schedule(UUID id, String projectId, String name, ManagedServerSpec spec, int count, Window window,
                       boolean enabled, Instant createdAt, Instant updatedAt, Instant deletionRequestedAt) {
    public static final int MAX_COUNT = 100;
    /** A DNS label short enough to take the suffix {@code -100} and stay one. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,57}[a-z0-9])?");

    public Schedule {
        Require.notNull(id, "id");
        Require.notBlank(projectId, "projectId");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be a DNS label of at most 59 characters, was " + name);
        }
        Require.notNull(spec, "spec");
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be 1.." + MAX_COUNT + ", was " + count);
        }
        Require.notNull(window, "window");
        Require.notNull(createdAt, "createdAt");
        Require.notNull(updatedAt, "updatedAt");
    }

    public boolean deletionRequested() {
        return deletionRequestedAt != null;
    }

    /** How many servers the schedule wants at {@code now}. */
    public int wantedAt(Instant now) {
        return enabled && !deletionRequested() && window.openAt(now).isPresent() ? count : 0;
    }

    /** The name of its {@code n}-th server (1-based). */
    public String serverName(int n) {
        return name + "-" + n;
    }

    /**
     * The id of its {@code n}-th managed server, derived from the schedule's id: a resource of the project that
     * merely has a matching name is never taken for the schedule's, and the VM's marker names the schedule's server.
     */
    public UUID serverId(int n) {
        return UUID.nameUUIDFromBytes(("schedule:" + id + ":" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public Schedule with(int nextCount, Window nextWindow, boolean nextEnabled, Instant now) {
        return new Schedule(id, projectId, name, spec, nextCount, nextWindow, nextEnabled, createdAt, now,
                deletionRequestedAt);
    }

    public Schedule deleting(Instant now) {
        return new Schedule(id, projectId, name, spec, count, window, enabled, createdAt, now, now);
    }
}
