package io.stackpilot.persistence.lease;

import io.stackpilot.core.testing.contract.LeaseRepositoryContract;
import io.stackpilot.persistence.testing.TestDatabaseExtension;
import java.time.Clock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link LeaseRepositoryContract} on real PostgreSQL: embedded, and the server STACKPILOT_TEST_DB_URL names. The
 * contract moves the store's clock by hand, so these run the production statements with that clock standing in for
 * {@code now()}; {@link LeaseDatabaseClockIT} covers the database's own clock.
 */
class JdbiLeaseRepositoryIT {

    @Nested
    class On_embedded_postgres extends LeaseRepositoryContract {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.embedded();

        @Override
        protected JdbiLeaseRepository newRepository(Clock storeClock) {
            DATABASE.database().truncateAllTables();
            return JdbiLeaseRepository.withStoreClock(DATABASE.database().jdbi(), storeClock);
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = "STACKPILOT_TEST_DB_URL", matches = ".+")
    class On_external_postgres extends LeaseRepositoryContract {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.external();

        @Override
        protected JdbiLeaseRepository newRepository(Clock storeClock) {
            DATABASE.database().truncateAllTables();
            return JdbiLeaseRepository.withStoreClock(DATABASE.database().jdbi(), storeClock);
        }
    }
}
