package io.stackpilot.persistence.schedule;

import io.stackpilot.core.testing.contract.ScheduleRepositoryContract;
import io.stackpilot.persistence.testing.TestDatabaseExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link ScheduleRepositoryContract} on real PostgreSQL: embedded, and STACKPILOT_TEST_DB_URL's server. */
class JdbiScheduleRepositoryIT {

    @Nested
    class On_embedded_postgres extends ScheduleRepositoryContract {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.embedded();

        @Override
        protected JdbiScheduleRepository newRepository() {
            DATABASE.database().truncateAllTables();
            return new JdbiScheduleRepository(DATABASE.database().jdbi());
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = "STACKPILOT_TEST_DB_URL", matches = ".+")
    class On_external_postgres extends ScheduleRepositoryContract {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.external();

        @Override
        protected JdbiScheduleRepository newRepository() {
            DATABASE.database().truncateAllTables();
            return new JdbiScheduleRepository(DATABASE.database().jdbi());
        }
    }
}
