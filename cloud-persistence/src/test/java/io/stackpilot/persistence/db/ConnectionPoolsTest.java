package io.stackpilot.persistence.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

class ConnectionPoolsTest {

    @Test
    void sends_batches_as_multi_row_inserts() {
        // The pool connects on first use only, so no database is needed here; JdbiAuditLogRepositoryIT shows that
        // rewritten batches keep ON CONFLICT DO NOTHING (appending the same batch again adds nothing).
        try (HikariDataSource pool = ConnectionPools.open("test", "jdbc:postgresql://127.0.0.1:1/none", null, null,
                2)) {
            assertThat(pool.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "true")
                    .containsEntry("ApplicationName", "stackpilot");
        }
    }
}
