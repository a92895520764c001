package io.stackpilot.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.stackpilot.core.error.StackpilotException;
import io.stackpilot.core.identity.TokenAuthenticator;
import io.stackpilot.server.audit.AuditRecorder;
import io.stackpilot.server.audit.AuditWriter;
import io.stackpilot.server.auth.CallerAuthenticator;
import io.stackpilot.server.http.ApiJsonMapper;
import io.stackpilot.server.http.ApiRoute;
import io.stackpilot.server.http.ProblemErrorHandler;
import io.stackpilot.server.http.RequestIds;
import io.stackpilot.server.http.RequestLifecycle;
import io.stackpilot.server.http.RequestState;
import io.stackpilot.server.http.RouteGroup;
import io.stackpilot.server.logging.WithheldMessages;
import io.stackpilot.server.problem.HttpProblemException;
import io.stackpilot.server.problem.Problem;
import io.stackpilot.server.problem.ProblemKind;
import io.stackpilot.server.audit.QuerySanitizer;
import io.stackpilot.server.problem.ProblemMapper;
import io.stackpilot.server.problem.ProblemResponder;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP daemon: Javalin on virtual threads serving the v1 API over the core use cases. Every request gets an
 * {@code X-Request-Id}, one audit row and one metrics sample, written when Jetty completes it ({@link
 * RequestLifecycle}); every error is problem+json. A request that finds the audit queue full waits at its start for
 * room and is refused with 503 if none comes ({@link AuditWriter#admit()}), so no admitted request loses its row.
 * {@link #stop()} stops accepting, lets in-flight requests finish within the shutdown deadline, then drains the audit
 * writer.
 */
public final class StackpilotServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StackpilotServer.class);
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** Probes answer also while the audit queue is full: readiness must be able to say so. */
    private static final Set<String> ALWAYS_ADMITTED = Set.of("/healthz", "/readyz", "/metrics");
    /** Seconds a request refused for a full audit queue is told to wait before it retries. */
    static final int AUDIT_RETRY_AFTER_SECONDS = 1;

    private final DaemonPorts deps;
    private final ObjectMapper mapper;
    private final ProblemResponder problems;
    private final TokenAuthenticator tokens;
    private final CallerAuthenticator callers;
    private final AuditWriter auditWriter;
    private final AuditRecorder auditRecorder;
    private final List<ApiRoute> routes;
    private final RequestLifecycle lifecycle;
    private final Javalin app;
    private volatile boolean stopping;

    /** Built by {@link ApiWiring}, which owns the use cases and route groups; {@code routeGroups} is called once. */
    StackpilotServer(DaemonPorts deps, ObjectMapper mapper, TokenAuthenticator tokens, CallerAuthenticator callers,
                     Function<StackpilotServer, List<RouteGroup>> routeGroups) {
        this.deps = deps;
        this.mapper = mapper;
        this.problems = new ProblemResponder(mapper);
        DaemonTuning tuning = deps.tuning();
        this.tokens = tokens;
        this.callers = callers;
        this.auditWriter = new AuditWriter(deps.auditLog(), deps.config().auditQueueCapacity(),
                AuditWriter.DEFAULT_QUEUE_BYTES, tuning.auditBatchSize(), tuning.auditRetryDelay());
        this.auditRecorder = new AuditRecorder(auditWriter, deps.config().replicaId());
        this.lifecycle = new RequestLifecycle(this::beginRequest, this::finishRequest, deps.config().replicaId());
        registerGauges();
        // The route groups see this server only for its audit queue and stop flag, both set by now.
        this.routes = routeGroups.apply(this).stream().flatMap(group -> group.routes().stream()).toList();
        this.app = Javalin.create(this::configure);
    }

    public StackpilotServer start() {
        app.start(deps.config().bindAddress(), deps.config().port());
        // After the start: Javalin adds its connector only then; connections made from now on are counted.
        deps.metrics().bindHttpServer(app.jettyServer().server());
        LOG.info("Stackpilot listening on {}:{} as replica {}", deps.config().bindAddress(), port(),
                deps.config().replicaId());
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Every registered route, in registration order (the OpenAPI test compares them with the document). */
    public List<ApiRoute> routes() {
        return routes;
    }

    /** True from the moment {@link #stop()} is called. */
    public boolean isStopping() {
        return stopping;
    }

    public TokenAuthenticator tokenCache() {
        return tokens;
    }

    public AuditWriter auditWriter() {
        return auditWriter;
    }

    /**
     * Requests that reached the HTTP handlers since the start: each gets one audit row. A request Jetty refuses
     * before them (not valid HTTP, over its size limits) is answered by {@link ProblemErrorHandler} and not counted.
     */
    public long requestsBegun() {
        return lifecycle.begun();
    }

    /** Requests that reached the HTTP handlers and have not completed yet (answered, or failed to be). */
    public int inFlight() {
        return lifecycle.inFlight();
    }

    /** {@link #stop(StopDeadline)} within the configured shutdown timeout. */
    public void stop() {
        stop(StopDeadline.after(deps.config().shutdownTimeout()));
    }

    /**
     * Stops accepting, waits for in-flight requests, stops, drains the audit queue; all by the deadline (the audit
     * drain gets whatever the requests left of it, at least a moment to store what is queued).
     */
    public void stop(StopDeadline deadline) {
        if (stopping) {
            return;
        }
        stopping = true;
        if (app.jettyServer().started()) {
            for (var connector : app.jettyServer().server().getConnectors()) {
                if (connector instanceof org.eclipse.jetty.server.AbstractConnector accepting) {
                    accepting.setAccepting(false);
                }
                // Close the listening socket too: new connections are refused at once (a load balancer or client
                // retries elsewhere) instead of waiting in the kernel's backlog; accepted ones carry on.
                if (connector instanceof org.eclipse.jetty.server.NetworkConnector listening) {
                    listening.close();
                }
            }
        }
        // The HTTP drain leaves a little of the budget to the audit drain: rows of answered requests matter more
        // than a request still running at the deadline.
        StopDeadline requestsDeadline = deadline.minus(auditReserve(deadline));
        while (lifecycle.inFlight() > 0 && !requestsDeadline.passed()) {
            sleepBriefly();
        }
        if (lifecycle.inFlight() > 0) {
            LOG.warn("{} requests still running at the shutdown deadline; stopping anyway", lifecycle.inFlight());
        }
        if (app.jettyServer().started()) {
            app.jettyServer().server().setStopTimeout(Math.max(requestsDeadline.left().toMillis(), 1));
        }
        try {
            app.stop();
        } catch (RuntimeException notGraceful) {
            // Jetty gave up on the requests still running (their connections are closed): the audit drain below
            // must still run, it holds the rows of every request that did complete.
            LOG.warn("the HTTP server did not stop gracefully by the deadline: {}", notGraceful.toString());
        }
        int unwritten = auditWriter.close(deadline.left());
        LOG.info("Stackpilot stopped ({} audit rows unwritten)", unwritten);
    }

    private static Duration auditReserve(StopDeadline deadline) {
        Duration quarter = deadline.left().dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(2)) < 0 ? quarter : Duration.ofSeconds(2);
    }

    @Override
    public void close() {
        stop();
    }

    private void configure(JavalinConfig config) {
        config.concurrency.useVirtualThreads = true;
        config.startup.showJavalinBanner = false;
        config.http.prefer405over404 = true;
        // Our largest body is a launch with user data (Nova takes at most 64 KiB of it); a larger one answers 413.
        config.http.maxRequestSize = ApiJsonMapper.MAX_DOCUMENT_BYTES;
        config.jsonMapper(new JavalinJackson(mapper, true));
        config.staticFiles.enableWebjars();
        // Jetty counts a request as done only when its response is written; on stop it waits for those (up to its
        // stop timeout) before closing connections. Our own in-flight count ends in the request logger, which can run
        // before the response bytes leave, so without this a stop could cut an answered request's response.
        // Javalin puts its servlet handler inside the innermost wrapper, so every request passes the life cycle.
        config.jetty.modifyServer(server -> {
            server.setHandler(new GracefulHandler(lifecycle));
            // Answers that Jetty makes itself (a request it cannot parse or that is over its limits) as ours are.
            server.setErrorHandler(new ProblemErrorHandler(mapper));
        });
        config.routes.before(this::checkRequest);
        for (ApiRoute route : routes) {
            config.routes.addHttpHandler(route.method(), route.path(), ctx -> handle(route, ctx));
        }
        config.routes.exception(StackpilotException.class, (e, ctx) ->
                problems.respond(ctx, ProblemMapper.of(e, ctx.path(), requestId(ctx))));
        config.routes.exception(HttpProblemException.class, (e, ctx) ->
                problems.respond(ctx, ProblemMapper.of(e, ctx.path(), requestId(ctx))));
        config.routes.exception(HttpResponseException.class, (e, ctx) ->
                problems.respond(ctx, ProblemMapper.of(e, ctx.path(), requestId(ctx))));
        config.routes.exception(Exception.class, (e, ctx) -> {
            // Type and stack only: a message may quote a header or body the client sent (a token, a password).
            LOG.error("request {} failed: {} {}", requestId(ctx), ctx.method(), ctx.path(), WithheldMessages.of(e));
            problems.respond(ctx, ProblemMapper.internal(ctx.path(), requestId(ctx)));
        });
        for (int status : new int[] {404, 405}) {
            config.routes.error(status, ctx -> {
                if (!Problem.CONTENT_TYPE.equals(ctx.res().getContentType())) {
                    problems.respond(ctx, ProblemMapper.of(new HttpResponseException(status, ""), ctx.path(),
                            requestId(ctx)));
                }
            });
        }
    }

    private RequestState beginRequest(org.eclipse.jetty.server.Request request) {
        String given = request.getHeaders().get(RequestState.REQUEST_ID_HEADER);
        String requestId = given != null && SAFE_REQUEST_ID.matcher(given).matches() ? given
                : RequestIds.next();
        return RequestState.begin(requestId, deps.clock().instant());
    }

    private void checkRequest(Context ctx) {
        RequestState state = RequestState.of(ctx);
        ctx.header(RequestState.REQUEST_ID_HEADER, state.requestId());
        // Backpressure from the audit log, before the request acts: wait (bounded) for room in its queue; a request
        // that still finds none is refused and, having done nothing, not audited. Every admitted one is audited.
        if (!ALWAYS_ADMITTED.contains(ctx.path()) && !auditWriter.admit()) {
            state.refuseUnaudited();
            ctx.header("Retry-After", Integer.toString(AUDIT_RETRY_AFTER_SECONDS));
            throw new HttpProblemException(ProblemKind.OVERLOADED, "the audit log cannot keep up with the requests; "
                    + "retry in " + AUDIT_RETRY_AFTER_SECONDS + " s");
        }
        if (!QuerySanitizer.hasWellFormedEscapes(ctx.queryString())) {
            throw new HttpProblemException(ProblemKind.INVALID_REQUEST,
                    "the query string has a malformed %-escape (a % must be followed by two hex digits)");
        }
        if (QuerySanitizer.hasEncodedNul(ctx.queryString())) {
            // PostgreSQL's text cannot hold U+0000: a marker or filter with it failed the query (a 500).
            throw new HttpProblemException(ProblemKind.INVALID_REQUEST,
                    "the query string has a NUL character (%00)");
        }
    }

    private void handle(ApiRoute route, Context ctx) throws Exception {
        RequestState.of(ctx).route(route.path());
        if (route.authenticated()) {
            callers.authenticate(ctx);
        }
        route.handler().handle(ctx);
    }

    private void finishRequest(RequestState state, org.eclipse.jetty.server.Request request,
                               org.eclipse.jetty.server.Response response) {
        // Jetty reports 0 when nothing set a status (the handling broke off before an answer began).
        int status = response.getStatus() < 100 || response.getStatus() > 599 ? 500 : response.getStatus();
        String path = request.getHttpURI().getPath();
        String route = state.route() != null ? state.route()
                : path != null && path.startsWith("/webjars/") && status < 400 ? "/webjars/*" : "unmatched";
        try {
            deps.metrics().recordRequest(request.getMethod(), route, status, state.elapsedNanos());
        } finally {
            auditRecorder.record(state, request, status);
        }
    }

    private static String requestId(Context ctx) {
        RequestState state = RequestState.of(ctx);
        return state == null ? "none" : state.requestId();
    }

    private void registerGauges() {
        deps.metrics().gauge("stackpilot_audit_queue_depth", "Audit rows waiting to be stored.", auditWriter::depth);
        deps.metrics().gauge("stackpilot_audit_queue_bytes", "Approximate size of the audit rows waiting to be stored.",
                auditWriter::queuedBytes);
        deps.metrics().counter("stackpilot_audit_dropped",
                "Audit rows dropped (only a row submitted after the writer closed; 0 in normal operation).",
                auditWriter::dropped);
        deps.metrics().counter("stackpilot_audit_rejected",
                "Requests refused with 503 at their start because the audit queue stayed full (not audited).",
                auditWriter::rejected);
        deps.metrics().counter("stackpilot_audit_write_failures", "Failed attempts to store a batch of audit rows.",
                auditWriter::failures);
        deps.metrics().counter("stackpilot_token_cache_hits", "Token validations answered from the cache.",
                tokens::hits);
        deps.metrics().counter("stackpilot_token_cache_misses", "Token validations sent to Keystone.",
                tokens::misses);
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
