package io.stackpilot.persistence.stats;

import io.stackpilot.core.testing.contract.StatsSampleRepositoryContract;
import io.stackpilot.persistence.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link StatsSampleRepositoryContract} on real PostgreSQL: embedded, and the server STACKPILOT_TEST_DB_URL names.
 */
class JdbiStatsSampleRepositoryIT {

    @Nested
    class On_embedded_postgres extends StatsSampleRepositoryContract {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.embedded();

        @Override
        protected JdbiStatsSampleRepository newRepository() {
            DATABASE.database().truncateAllTables();
            return new JdbiStatsSampleRepository(DATABASE.database().jdbi());
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = "STACKPILOT_TEST_DB_URL", matches = ".+")
    class On_external_postgres extends StatsSampleRepositoryContract {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.external();

        @Override
        protected JdbiStatsSampleRepository newRepository() {
            DATABASE.database().truncateAllTables();
            return new JdbiStatsSampleRepository(DATABASE.database().jdbi());
        }
    }
}
