package io.stackpilot.persistence.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.lease.Lease;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestDatabaseExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Leases as production takes them: expiry and renewal by PostgreSQL's {@code now()}, whatever the callers' clocks. */
class LeaseDatabaseClockIT {
    @RegisterExtension
    static final TestDatabaseExtension DATABASE = TestDatabaseExtension.embedded();
    private static final Duration TTL = Duration.ofMinutes(10);

    private TestDatabase database;
    private JdbiLeaseRepository replicaA;
    private JdbiLeaseRepository replicaB;

    @BeforeEach
    void two_replicas_on_one_database() {
        database = DATABASE.database();
        database.truncateAllTables();
        replicaA = new JdbiLeaseRepository(database.jdbi());
        replicaB = new JdbiLeaseRepository(database.jdbi());
    }

    @Test
    void a_taken_lease_lasts_the_ttl_from_the_database_clock() {
        Instant before = databaseNow();
        Lease lease = replicaA.tryAcquire("collector", "replica-a", TTL).orElseThrow();
        Instant after = databaseNow();

        assertThat(lease.expiresAt()).isBetween(before.plus(TTL), after.plus(TTL));
    }

    @Test
    void another_replica_is_refused_until_the_database_clock_passes_the_expiry() {
        assertThat(replicaA.tryAcquire("collector", "replica-a", TTL)).map(Lease::holder).contains("replica-a");

        assertThat(replicaB.tryAcquire("collector", "replica-b", TTL)).isEmpty();

        // The database's clock cannot be moved: moving the expiry back by the TTL is the same as TTL passing.
        database.jdbi().useHandle(handle -> handle.execute(
                "UPDATE lease SET expires_at = expires_at - interval '10 minutes'"));
        assertThat(replicaB.tryAcquire("collector", "replica-b", TTL)).map(Lease::holder).contains("replica-b");
        assertThat(replicaA.tryAcquire("collector", "replica-a", TTL)).isEmpty();
    }

    private Instant databaseNow() {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT clock_timestamp()")
                .mapTo(Instant.class).one());
    }
}
