package io.stackpilot.server.jobs;

import static io.stackpilot.core.testing.TestData.DEMO;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.audit.AuditRetention;
import io.stackpilot.core.lease.Lease;
import io.stackpilot.core.stats.AllowedProjects;
import io.stackpilot.core.stats.StatsBuckets;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.InMemoryAuditLogRepository;
import io.stackpilot.core.testing.TestData;
import io.stackpilot.persistence.lease.JdbiLeaseRepository;
import io.stackpilot.persistence.stats.JdbiStatsSampleRepository;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestDatabaseExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas whose clocks disagree by an hour share the statistics lease on PostgreSQL: the one that is ahead
 * must not see the other's lease as expired (the lease's expiry is judged by the database's clock).
 */
class StatsJobClockSkewIT {
    @RegisterExtension
    static final TestDatabaseExtension DATABASE = TestDatabaseExtension.embedded();

    @Test
    void a_replica_whose_clock_is_an_hour_ahead_cannot_take_the_lease_another_replica_holds() {
        TestDatabase database = DATABASE.database();
        database.truncateAllTables();
        Clock onTime = Clock.systemUTC();
        Clock ahead = Clock.offset(onTime, Duration.ofHours(1));
        StatsJob replicaA = job(database, "replica-a", onTime);
        StatsJob replicaB = job(database, "replica-b", ahead);

        replicaA.tick();
        replicaB.tick();

        assertThat(replicaA.state()).isEqualTo(StatsJob.State.LEADER);
        assertThat(replicaB.state()).isEqualTo(StatsJob.State.FOLLOWER);
        assertThat(new JdbiLeaseRepository(database.jdbi()).find(StatsJob.LEASE_NAME)).map(Lease::holder)
                .contains("replica-a");
    }

    private static StatsJob job(TestDatabase database, String replicaId, Clock clock) {
        FakeCloud cloud = FakeCloud.withLabContent(clock);
        return StatsJob.create(cloud, () -> TestData.session(TestData.admin()), AllowedProjects.fixed(List.of(DEMO)),
                new JdbiStatsSampleRepository(database.jdbi()), new JdbiLeaseRepository(database.jdbi()),
                StatsBuckets.hourly(), Duration.ofDays(90),
                new InMemoryAuditLogRepository(), AuditRetention.DEFAULT_RETENTION, replicaId, clock);
    }
}
