package io.stackpilot.server.jobs;

import io.stackpilot.persistence.lease.JdbiLeaseRepository;
import io.stackpilot.persistence.stats.JdbiStatsSampleRepository;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestDatabaseExtension;
import java.time.Clock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The 48-hour three-replica simulation ({@link StatsJobSimulationContract}) on real PostgreSQL: the JDBI sample and
 * lease repositories on a freshly migrated database, embedded, and on the server STACKPILOT_TEST_DB_URL names (the
 * lease store judges expiry by the simulation's clock, standing in for PostgreSQL's, which a test cannot move). The
 * replicas' ticks go to the database as in production (lease upsert, bucket lookup, batch insert), so the run
 * proves the SQL, not only the job: 48 buckets per project, none twice, none missing, also across a killed holder.
 */
class JdbiStatsJobSimulationIT {

    private static StatsJobSimulationContract.SharedStores storesOn(TestDatabase database, Clock storeClock) {
        database.truncateAllTables();
        return new StatsJobSimulationContract.SharedStores(new JdbiStatsSampleRepository(database.jdbi()),
                JdbiLeaseRepository.withStoreClock(database.jdbi(), storeClock));
    }

    @Nested
    class On_embedded_postgres extends StatsJobSimulationContract {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.embedded();

        @Override
        protected SharedStores newStores(Clock storeClock) {
            return storesOn(DATABASE.database(), storeClock);
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = "STACKPILOT_TEST_DB_URL", matches = ".+")
    class On_external_postgres extends StatsJobSimulationContract {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.external();

        @Override
        protected SharedStores newStores(Clock storeClock) {
            return storesOn(DATABASE.database(), storeClock);
        }
    }
}
