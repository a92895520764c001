package io.stackpilot.persistence.idempotency;

import io.stackpilot.core.testing.contract.IdempotencyRepositoryContract;
import io.stackpilot.persistence.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link IdempotencyRepositoryContract} on real PostgreSQL: embedded, and the server STACKPILOT_TEST_DB_URL names.
 */
class JdbiIdempotencyRepositoryIT {

    @Nested
    class On_embedded_postgres extends IdempotencyRepositoryContract {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.embedded();

        @Override
        protected JdbiIdempotencyRepository newRepository() {
            DATABASE.database().truncateAllTables();
            return new JdbiIdempotencyRepository(DATABASE.database().jdbi());
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = "STACKPILOT_TEST_DB_URL", matches = ".+")
    class On_external_postgres extends IdempotencyRepositoryContract {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.external();

        @Override
        protected JdbiIdempotencyRepository newRepository() {
            DATABASE.database().truncateAllTables();
            return new JdbiIdempotencyRepository(DATABASE.database().jdbi());
        }
    }
}
