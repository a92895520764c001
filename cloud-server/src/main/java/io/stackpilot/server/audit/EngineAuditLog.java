package io.stackpilot.server.audit;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.audit.AuditLogRepository;
import io.stackpilot.core.managed.EngineAction;
import io.stackpilot.core.managed.EngineAuditSink;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's actions as rows of the audit table, next to the API's requests, so that "who created this VM, and
 * why" is one query: method {@value #METHOD}, route the action ("boot", "adopt", "delete", "forget", "fail"),
 * user id the actor ("replica:&lt;id&gt; operation:&lt;uuid&gt;"), the owner project, the path naming the managed
 * server and the VM, the query holding the engine's sentence (why), the cloud's request ids. The status is 200 for
 * an action done and 500 for an operation that failed finally (the column is required; no HTTP was involved).
 *
 * <p>Written at once, not through the API's queue: engine actions are few, and the engine may still act while the
 * HTTP server drains its queue at shutdown. A failed write is logged and dropped (the action already happened, and
 * the managed server's events keep it too). Thread-safe.
 */
public final class EngineAuditLog implements EngineAuditSink {
    public static final String METHOD = "ENGINE";
    public static final String USER_NAME = "stackpilot-engine";
    private static final Logger LOG = LoggerFactory.getLogger(EngineAuditLog.class);

    private final AuditLogRepository auditLog;

    public EngineAuditLog(AuditLogRepository auditLog) {
        this.auditLog = auditLog;
    }

    @Override
    public void record(EngineAction action) {
        try {
            auditLog.appendAll(List.of(entry(action)));
        } catch (RuntimeException failed) {
            LOG.warn("audit row of engine action {} by {} not stored: {}", action.action(), action.actor(),
                    failed.toString());
        }
    }

    static AuditEntry entry(EngineAction action) {
        UUID operation = action.operationId();
        String path = "/managed-servers/" + action.managedServerId()
                + (action.serverId() == null ? "" : "/servers/" + action.serverId());
        return new AuditEntry(UUID.randomUUID(), action.at(),
                operation == null ? "engine-" + action.managedServerId() : "operation-" + operation, METHOD,
                action.action(), AuditRecorder.truncate(path, AuditRecorder.MAX_PATH),
                AuditRecorder.truncate(action.message(), AuditRecorder.MAX_QUERY),
                "fail".equals(action.action()) ? 500 : 200, 0, action.actor(), USER_NAME, action.projectId(), null,
                null, null, action.replica(), action.upstreamRequestIds());
    }
}
