package io.stackpilot.server.http;

import io.javalin.http.Context;
import io.stackpilot.core.identity.Principal;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.identity.UpstreamTrace;
import java.time.Instant;

/**
 * What the server learns about a request while serving it, kept as request attributes: its id, when it started,
 * the route that matched, the caller (once known) and the trace of cloud request ids. Read by audit and metrics.
 * Created by {@link RequestLifecycle} before any Javalin handler runs.
 */
public final class RequestState {
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String KEY = "stackpilot.request";

    private final String requestId;
    private final Instant startedAt;
    private final long startNanos;
    private final UpstreamTrace trace = new UpstreamTrace();
    private volatile String route;
    private volatile Principal principal;
    private volatile Session session;
    private volatile boolean refusedUnaudited;

    private RequestState(String requestId, Instant startedAt, long startNanos) {
        this.requestId = requestId;
        this.startedAt = startedAt;
        this.startNanos = startNanos;
    }

    public static RequestState begin(String requestId, Instant startedAt) {
        return new RequestState(requestId, startedAt, System.nanoTime());
    }

    /** Keeps the state on Jetty's request, where the servlet layer (and so Javalin's context) sees it too. */
    static void attach(org.eclipse.jetty.server.Request request, RequestState state) {
        request.setAttribute(KEY, state);
    }

    /** The state of Jetty's request; null for one that never passed {@link RequestLifecycle}. */
    public static RequestState of(org.eclipse.jetty.server.Request request) {
        return request.getAttribute(KEY) instanceof RequestState state ? state : null;
    }

    /** The state of the request; null only for a request that never passed {@link RequestLifecycle}. */
    public static RequestState of(Context ctx) {
        return ctx.attribute(KEY);
    }

    /** The authenticated caller's session. Only valid inside an authenticated route. */
    public static Session session(Context ctx) {
        Session session = of(ctx).session;
        if (session == null) {
            throw new IllegalStateException("route is not authenticated");
        }
        return session;
    }

    public String requestId() {
        return requestId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    public UpstreamTrace trace() {
        return trace;
    }

    public String route() {
        return route;
    }

    public void route(String route) {
        this.route = route;
    }

    public Principal principal() {
        return principal;
    }

    public void principal(Principal principal) {
        this.principal = principal;
    }

    public void session(Session session) {
        this.principal = session.principal();
        this.session = session;
    }

    /** True once the request was refused at its start (the audit queue was full): it did nothing and gets no row. */
    public boolean refusedUnaudited() {
        return refusedUnaudited;
    }

    public void refuseUnaudited() {
        this.refusedUnaudited = true;
    }
}
