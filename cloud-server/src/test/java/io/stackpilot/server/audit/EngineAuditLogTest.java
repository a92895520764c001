package io.stackpilot.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.audit.AuditLogRepository;
import io.stackpilot.core.audit.AuditQuery;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.managed.EngineAction;
import io.stackpilot.core.testing.InMemoryAuditLogRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EngineAuditLogTest {
    private static final UUID OPERATION = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID RESOURCE = UUID.fromString("00000000-0000-4000-8000-000000000002");

    private static EngineAction action(String action) {
        return new EngineAction(Instant.parse("2026-12-01T10:00:00Z"), "replica-a", OPERATION, "demo-project-id",
                RESOURCE, "vm-1", action, "booted VM vm-1: no VM exists", List.of("req-nova-1"));
    }

    @Test
    void writes_who_what_and_why_of_an_engine_action_as_an_audit_row() {
        InMemoryAuditLogRepository auditLog = new InMemoryAuditLogRepository();

        new EngineAuditLog(auditLog).record(action("boot"));

        assertThat(auditLog.all()).singleElement().satisfies(row -> {
            assertThat(row.method()).isEqualTo("ENGINE");
            assertThat(row.route()).isEqualTo("boot");
            assertThat(row.userId()).isEqualTo("replica:replica-a operation:" + OPERATION);
            assertThat(row.userName()).isEqualTo("stackpilot-engine");
            assertThat(row.projectId()).isEqualTo("demo-project-id");
            assertThat(row.path()).isEqualTo("/managed-servers/" + RESOURCE + "/servers/vm-1");
            assertThat(row.query()).isEqualTo("booted VM vm-1: no VM exists");
            assertThat(row.status()).isEqualTo(200);
            assertThat(row.requestId()).isEqualTo("operation-" + OPERATION);
            assertThat(row.replicaId()).isEqualTo("replica-a");
            assertThat(row.upstreamRequestIds()).containsExactly("req-nova-1");
        });
    }

    @Test
    void a_final_failure_is_a_500_row() {
        InMemoryAuditLogRepository auditLog = new InMemoryAuditLogRepository();
        new EngineAuditLog(auditLog).record(action("fail"));
        assertThat(auditLog.all()).singleElement().extracting(AuditEntry::status).isEqualTo(500);
    }

    @Test
    void a_failed_write_does_not_reach_the_engine() {
        AuditLogRepository broken = new AuditLogRepository() {
            @Override
            public void appendAll(List<AuditEntry> entries) {
                throw new IllegalStateException("database down");
            }

            @Override
            public Page<AuditEntry> find(AuditQuery query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int deleteOlderThan(Instant cutoff, int maxEntries) {
                throw new UnsupportedOperationException();
            }
        };
        new EngineAuditLog(broken).record(action("boot"));
    }
}
