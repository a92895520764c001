package io.stackpilot.server.audit;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.audit.AuditLogRepository;
import io.stackpilot.core.preemption.Eviction;
import io.stackpilot.core.preemption.PreemptionListener;
import io.stackpilot.server.metrics.DaemonMetrics;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each eviction as a row of the audit table (method {@value EngineAuditLog#METHOD}, route "preempt", the victim's
 * project, the path naming the victim and the server it made room for, the reason in the query column, the actor
 * "replica:&lt;id&gt; operation:&lt;preempt operation&gt;") and one count of
 * {@code stackpilot_preemptions_total{reason}}. A failed write is logged and dropped. Thread-safe.
 */
public final class PreemptionAuditLog implements PreemptionListener {
    private static final Logger LOG = LoggerFactory.getLogger(PreemptionAuditLog.class);

    private final AuditLogRepository auditLog;
    private final DaemonMetrics metrics;
    private final String replica;

    public PreemptionAuditLog(AuditLogRepository auditLog, DaemonMetrics metrics, String replica) {
        this.auditLog = auditLog;
        this.metrics = metrics;
        this.replica = replica;
    }

    @Override
    public void evicted(Eviction eviction) {
        metrics.countPreemption(eviction.reason().wireName());
        try {
            auditLog.appendAll(List.of(entry(eviction)));
        } catch (RuntimeException failed) {
            LOG.warn("audit row of eviction {} not stored: {}", eviction.victimServerId(), failed.toString());
        }
    }

    AuditEntry entry(Eviction eviction) {
        String path = "/servers/" + eviction.victimServerId() + "/preempted-by/" + eviction.preemptedBy();
        String why = "reason=" + eviction.reason().wireName() + " victim=" + eviction.victimName() + " flavor="
                + eviction.victimFlavor() + " by_project=" + eviction.byProjectId();
        return new AuditEntry(UUID.randomUUID(), eviction.preemptedAt(), "operation-" + eviction.operationId(),
                EngineAuditLog.METHOD, "preempt", AuditRecorder.truncate(path, AuditRecorder.MAX_PATH),
                AuditRecorder.truncate(why, AuditRecorder.MAX_QUERY), 200, 0,
                "replica:" + replica + " operation:" + eviction.operationId(), EngineAuditLog.USER_NAME,
                eviction.projectId(), null, null, null, replica, List.of());
    }
}
