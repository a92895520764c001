package io.stackpilot.server.audit;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids of audit rows: time-ordered UUIDs (version 7, RFC 9562): the row's time in milliseconds in the first 48 bits,
 * then 74 random bits. Two reasons over {@link UUID#randomUUID()}: the audit table's primary key (id, at) then grows
 * at its right edge like its time indexes, instead of every insert touching a random leaf of the index (PostgreSQL
 * writes a whole page to the WAL for each page first changed after a checkpoint, and keeps more of the index hot);
 * and no request thread waits on the process-wide lock of the {@code SecureRandom} behind {@code randomUUID}. An
 * audit id is an identifier, not a secret (it is shown to whoever may read the row), so a thread-local generator
 * suffices: 74 random bits make two equal ids in the same millisecond vanishingly unlikely, also across replicas.
 */
public final class AuditIds {
    private AuditIds() {
    }

    /** A version-7 UUID for a row at {@code at}; ids of later milliseconds sort after earlier ones. */
    public static UUID timeOrdered(Instant at) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = at.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
        long most = millis << 16 | 0x7000L | random.nextInt(1 << 12);
        long least = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(most, least);
    }
}
