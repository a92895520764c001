package io.stackpilot.persistence.lease;

import io.stackpilot.core.testing.contract.LeaseRepositoryContract;
import io.stackpilot.persistence.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link LeaseRepositoryContract} on real PostgreSQL: embedded, and the server STACKPILOT_TEST_DB_URL names.
 */
class JdbiLeaseRepositoryIT {

    @Nested
    class On_embedded_postgres extends LeaseRepositoryContract {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.embedded();

        @Override
        protected JdbiLeaseRepository newRepository() {
            DATABASE.database().truncateAllTables();
            return new JdbiLeaseRepository(DATABASE.database().jdbi());
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = "STACKPILOT_TEST_DB_URL", matches = ".+")
    class On_external_postgres extends LeaseRepositoryContract {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.external();

        @Override
        protected JdbiLeaseRepository newRepository() {
            DATABASE.database().truncateAllTables();
            return new JdbiLeaseRepository(DATABASE.database().jdbi());
        }
    }
}
