package io.stackpilot.server;

import java.time.Duration;

/**
 * Internal limits that are not worth an environment variable: the token cache's size, how long a duplicate
 * idempotent launch waits for the first one, and the audit writer's batch size and retry delay.
 */
public record DaemonTuning(int tokenCacheEntries, Duration idempotencyWait, int auditBatchSize,
                           Duration auditRetryDelay) {
    public static DaemonTuning defaults() {
        return new DaemonTuning(10_000, Duration.ofSeconds(2), 500, Duration.ofSeconds(1));
    }
}
