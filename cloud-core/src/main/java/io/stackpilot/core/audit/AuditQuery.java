package io.stackpilot.core.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * Which audit entries to read, newest first. Null fields do not filter; {@code since} is inclusive, {@code until}
 * exclusive. {@code marker} is the id of the last entry of the previous page.
 */
public record AuditQuery(Instant since, Instant until, String projectId, String userId, Integer status, int limit,
                         UUID marker) {
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
