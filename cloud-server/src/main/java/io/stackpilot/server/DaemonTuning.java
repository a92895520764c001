package io.stackpilot.server;

import io.stackpilot.core.idempotency.IdempotentLauncher;
import java.time.Duration;

/**
 * Internal limits that are not worth an environment variable: the token cache's size, how long a duplicate
 * idempotent launch waits for the first one, how long an idempotency claim lasts before another caller may take it
 * over (derived from the OpenStack read timeout), and the audit writer's batch size and retry delay.
 */
public record DaemonTuning(int tokenCacheEntries, Duration idempotencyWait, Duration idempotencyClaimLifetime,
                           int auditBatchSize, Duration auditRetryDelay) {
    public static DaemonTuning defaults() {
        return new DaemonTuning(10_000, Duration.ofSeconds(2), IdempotentLauncher.CLAIM_LIFETIME, 500,
                Duration.ofSeconds(1));
    }

    /** The defaults, with the claim lifetime of this OpenStack read timeout. */
    public static DaemonTuning forReadTimeout(Duration openstackReadTimeout) {
        DaemonTuning defaults = defaults();
        return new DaemonTuning(defaults.tokenCacheEntries(), defaults.idempotencyWait(),
                IdempotentLauncher.claimLifetimeFor(openstackReadTimeout), defaults.auditBatchSize(),
                defaults.auditRetryDelay());
    }
}
