package io.stackpilot.core.idempotency;

import io.stackpilot.core.common.Require;
import java.time.Clock;

/**
 * Deletes expired idempotency keys in bounded batches, so that the table holds about a day of keys and one run never
 * holds locks for long; at most {@code maxBatches} batches per run, the rest waits for the next run. Idempotent, so
 * two replicas running it at once is harmless; the daemon runs it on one replica at a time. Thread-safe when the
 * repository is.
 */
public final class IdempotencyPurge {
    public static final int DEFAULT_BATCH_SIZE = 1_000;
    public static final int DEFAULT_MAX_BATCHES = 100;

    private final IdempotencyRepository keys;
    private final Clock clock;
    private final int batchSize;
    private final int maxBatches;

    public IdempotencyPurge(IdempotencyRepository keys, Clock clock, int batchSize, int maxBatches) {
        this.keys = Require.notNull(keys, "keys");
        this.clock = Require.notNull(clock, "clock");
        if (batchSize < 1 || maxBatches < 1) {
            throw new IllegalArgumentException("batch size and batch count must be positive");
        }
        this.batchSize = batchSize;
        this.maxBatches = maxBatches;
    }

    public IdempotencyPurge(IdempotencyRepository keys, Clock clock) {
        this(keys, clock, DEFAULT_BATCH_SIZE, DEFAULT_MAX_BATCHES);
    }

    /** Deletes keys expired now, batch after batch until a batch comes back short; returns how many. */
    public int purge() {
        int total = 0;
        for (int batch = 0; batch < maxBatches; batch++) {
            int deleted = keys.deleteExpired(clock.instant(), batchSize);
            total += deleted;
            if (deleted < batchSize) {
                break;
            }
        }
        return total;
    }
}
