package io.stackpilot.persistence.operation;

import io.stackpilot.core.testing.contract.OperationRepositoryContract;
import io.stackpilot.persistence.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link OperationRepositoryContract} on real PostgreSQL: embedded, and STACKPILOT_TEST_DB_URL's server. */
class JdbiOperationRepositoryIT {

    @Nested
    class On_embedded_postgres extends OperationRepositoryContract {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.embedded();

        @Override
        protected JdbiOperationRepository newRepository() {
            DATABASE.database().truncateAllTables();
            return new JdbiOperationRepository(DATABASE.database().jdbi());
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = "STACKPILOT_TEST_DB_URL", matches = ".+")
    class On_external_postgres extends OperationRepositoryContract {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.external();

        @Override
        protected JdbiOperationRepository newRepository() {
            DATABASE.database().truncateAllTables();
            return new JdbiOperationRepository(DATABASE.database().jdbi());
        }
    }
}
