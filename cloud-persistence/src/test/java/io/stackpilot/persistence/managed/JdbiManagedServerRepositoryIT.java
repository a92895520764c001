package io.stackpilot.persistence.managed;

import io.stackpilot.core.testing.contract.ManagedServerRepositoryContract;
import io.stackpilot.persistence.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link ManagedServerRepositoryContract} on real PostgreSQL: embedded, and STACKPILOT_TEST_DB_URL's server. */
class JdbiManagedServerRepositoryIT {

    @Nested
    class On_embedded_postgres extends ManagedServerRepositoryContract {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.embedded();

        @Override
        protected JdbiManagedServerRepository newRepository() {
            DATABASE.database().truncateAllTables();
            return new JdbiManagedServerRepository(DATABASE.database().jdbi());
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = "STACKPILOT_TEST_DB_URL", matches = ".+")
    class On_external_postgres extends ManagedServerRepositoryContract {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.external();

        @Override
        protected JdbiManagedServerRepository newRepository() {
            DATABASE.database().truncateAllTables();
            return new JdbiManagedServerRepository(DATABASE.database().jdbi());
        }
    }
}
