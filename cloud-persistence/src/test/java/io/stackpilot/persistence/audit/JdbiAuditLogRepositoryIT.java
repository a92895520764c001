package io.stackpilot.persistence.audit;

import io.stackpilot.core.testing.contract.AuditLogRepositoryContract;
import io.stackpilot.persistence.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link AuditLogRepositoryContract} on real PostgreSQL: embedded, and the server STACKPILOT_TEST_DB_URL names.
 */
class JdbiAuditLogRepositoryIT {

    @Nested
    class On_embedded_postgres extends AuditLogRepositoryContract {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.embedded();

        @Override
        protected JdbiAuditLogRepository newRepository() {
            DATABASE.database().truncateAllTables();
            return new JdbiAuditLogRepository(DATABASE.database().jdbi());
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = "STACKPILOT_TEST_DB_URL", matches = ".+")
    class On_external_postgres extends AuditLogRepositoryContract {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.external();

        @Override
        protected JdbiAuditLogRepository newRepository() {
            DATABASE.database().truncateAllTables();
            return new JdbiAuditLogRepository(DATABASE.database().jdbi());
        }
    }
}
