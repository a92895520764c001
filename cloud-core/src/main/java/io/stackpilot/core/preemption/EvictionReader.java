package io.stackpilot.core.preemption;

import io.stackpilot.core.identity.Session;
import java.util.List;

/** The caller's project's recent evictions (its preemptible servers that made room), newest first. Thread-safe. */
public final class EvictionReader {
    public static final int MAX_LIMIT = 1000;

    private final PreemptionRepository evictions;

    public EvictionReader(PreemptionRepository evictions) {
        this.evictions = evictions;
    }

    public List<Eviction> recent(Session session, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw io.stackpilot.core.error.InvalidRequestException.of("limit", "must be 1 to " + MAX_LIMIT);
        }
        return evictions.listForProject(session.project().id(), limit);
    }
}
