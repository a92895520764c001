package io.stackpilot.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.testing.InMemoryAuditLogRepository;
import io.stackpilot.core.testing.TestData;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditReaderTest {
    private final InMemoryAuditLogRepository log = new InMemoryAuditLogRepository();
    private final AuditReader reader = new AuditReader(log);
    private final AuditQuery everything = new AuditQuery(null, null, null, null, null, 100, null);

    @Test
    void lets_admins_read_the_log() {
        log.appendAll(List.of(new AuditEntry(UUID.randomUUID(), Instant.parse("2026-11-22T06:00:00Z"), "req-1", "GET",
                "/healthz", "/healthz", null, 200, 1, null, null, null, null, "127.0.0.1", "curl", "r1", List.of())));
        assertThat(reader.find(TestData.admin(), everything).items()).hasSize(1);
    }

    @Test
    void refuses_callers_without_the_admin_role() {
        assertThatThrownBy(() -> reader.find(TestData.demo(), everything)).isInstanceOf(ForbiddenException.class);
    }
}
