package io.stackpilot.server.audit;

import io.javalin.http.Context;
import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.identity.Principal;
import io.stackpilot.server.http.RequestState;
import java.util.UUID;

/**
 * Turns one finished request into its audit row and hands it to the writer. Never records a token, a password,
 * a body or user data: only the request line (query sanitised), the outcome, the caller and the cloud's request
 * ids. Thread-safe.
 */
public final class AuditRecorder {
    private static final int MAX_USER_AGENT = 512;
    private static final int MAX_PATH = 2048;

    private final AuditWriter writer;
    private final String replicaId;

    public AuditRecorder(AuditWriter writer, String replicaId) {
        this.writer = writer;
        this.replicaId = replicaId;
    }

    public void record(Context ctx, RequestState state, String route, int status) {
        Principal caller = state.principal();
        AuditEntry entry = new AuditEntry(UUID.randomUUID(), state.startedAt(), state.requestId(),
                ctx.method().name(), route, truncate(ctx.path(), MAX_PATH), QuerySanitizer.sanitize(ctx.queryString()),
                status, state.elapsedNanos() / 1_000_000, caller == null ? null : caller.user().id(),
                caller == null ? null : caller.user().name(),
                caller == null ? null : caller.scopedProject().map(p -> p.id()).orElse(null),
                caller == null ? null : caller.scopedProject().map(p -> p.name()).orElse(null),
                ctx.ip(), truncate(ctx.userAgent(), MAX_USER_AGENT), replicaId, state.trace().requestIds());
        writer.submit(entry);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
