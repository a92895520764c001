package io.stackpilot.server.audit;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.identity.Principal;
import io.stackpilot.server.http.RequestState;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Turns one finished request into its audit row and hands it to the writer. Never records a token, a password,
 * a body or user data: only the request line (query sanitised), the outcome, the caller and the cloud's request
 * ids. What a caller sends is stored cut to a bound, so that anonymous requests cannot fill the audit table with
 * large rows: the path and the query to {@value #MAX_PATH} and {@value #MAX_QUERY} characters, the user agent to
 * {@value #MAX_USER_AGENT}. Reads only Jetty's request (no Javalin context), so it works for every completed
 * request, also one whose answer could not be written. A request refused at its start because the audit queue was
 * full ({@link RequestState#refusedUnaudited()}: it did nothing) gets no row; every other request gets one.
 * Thread-safe.
 */
public final class AuditRecorder {
    public static final int MAX_PATH = 2048;
    public static final int MAX_QUERY = 2048;
    public static final int MAX_USER_AGENT = 512;

    private final AuditWriter writer;
    private final String replicaId;

    public AuditRecorder(AuditWriter writer, String replicaId) {
        this.writer = writer;
        this.replicaId = replicaId;
    }

    public void record(RequestState state, Request request, int status) {
        if (state.refusedUnaudited()) {
            return;
        }
        Principal caller = state.principal();
        AuditEntry entry = new AuditEntry(AuditIds.timeOrdered(state.startedAt()), state.startedAt(), state.requestId(),
                request.getMethod(), state.route(), truncate(request.getHttpURI().getPath(), MAX_PATH),
                truncate(QuerySanitizer.sanitize(request.getHttpURI().getQuery()), MAX_QUERY),
                status, state.elapsedNanos() / 1_000_000, caller == null ? null : caller.user().id(),
                caller == null ? null : caller.user().name(),
                caller == null ? null : caller.scopedProject().map(p -> p.id()).orElse(null),
                caller == null ? null : caller.scopedProject().map(p -> p.name()).orElse(null),
                Request.getRemoteAddr(request),
                truncate(request.getHeaders().get(HttpHeader.USER_AGENT), MAX_USER_AGENT), replicaId,
                state.trace().requestIds());
        writer.submit(entry);
    }

    static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
