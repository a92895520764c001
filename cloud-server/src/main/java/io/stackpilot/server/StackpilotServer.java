package io.stackpilot.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.stackpilot.core.audit.AuditReader;
import io.stackpilot.core.catalog.CatalogService;
import io.stackpilot.core.compute.ServerService;
import io.stackpilot.core.error.StackpilotException;
import io.stackpilot.core.idempotency.IdempotentLauncher;
import io.stackpilot.core.identity.AccessPolicy;
import io.stackpilot.core.identity.TokenAuthenticator;
import io.stackpilot.server.audit.AuditRecorder;
import io.stackpilot.server.audit.AuditWriter;
import io.stackpilot.server.auth.CallerAuthenticator;
import io.stackpilot.server.http.ApiRoute;
import io.stackpilot.server.http.AuditRoutes;
import io.stackpilot.server.http.AuthRoutes;
import io.stackpilot.server.http.CatalogRoutes;
import io.stackpilot.server.http.Json;
import io.stackpilot.server.http.OpsRoutes;
import io.stackpilot.server.http.RequestState;
import io.stackpilot.server.http.RouteGroup;
import io.stackpilot.server.http.ServerRoutes;
import io.stackpilot.server.openapi.DocsRoutes;
import io.stackpilot.server.problem.HttpProblemException;
import io.stackpilot.server.problem.Problem;
import io.stackpilot.server.problem.ProblemMapper;
import io.stackpilot.server.problem.ProblemResponder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP daemon: Javalin on virtual threads serving the v1 API over the core use cases. Every request gets an
 * {@code X-Request-Id}, one audit row and one metrics sample; every error is problem+json. {@link #stop()} stops
 * accepting, lets in-flight requests finish within the shutdown timeout, then drains the audit writer.
 */
public final class StackpilotServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StackpilotServer.class);
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final ServerDependencies deps;
    private final ObjectMapper mapper = Json.mapper();
    private final ProblemResponder problems = new ProblemResponder(mapper);
    private final TokenAuthenticator tokens;
    private final CallerAuthenticator callers;
    private final AuditWriter auditWriter;
    private final AuditRecorder auditRecorder;
    private final List<ApiRoute> routes;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Javalin app;
    private volatile boolean stopping;

    public StackpilotServer(ServerDependencies deps) {
        this.deps = deps;
        ServerTuning tuning = deps.tuning();
        AccessPolicy policy = deps.config().accessPolicy();
        this.tokens = new TokenAuthenticator(deps.identity(), deps.clock(), deps.config().tokenCacheTtl(),
                tuning.tokenCacheEntries());
        this.callers = new CallerAuthenticator(tokens, policy, deps.location());
        this.auditWriter = new AuditWriter(deps.auditLog(), deps.config().auditQueueCapacity(),
                tuning.auditBatchSize(), tuning.auditRetryDelay());
        this.auditRecorder = new AuditRecorder(auditWriter, deps.config().replicaId());
        registerGauges();
        ServerService servers = new ServerService(deps.compute(), deps.images(), deps.networks());
        List<RouteGroup> groups = new ArrayList<>(List.of(
                new AuthRoutes(deps.identity(), policy, tokens, mapper),
                new CatalogRoutes(new CatalogService(deps.compute(), deps.images(), deps.networks())),
                new ServerRoutes(servers, new IdempotentLauncher(servers, deps.idempotencyKeys(), deps.clock(),
                        tuning.idempotencyWait(),
                        IdempotentLauncher.claimLifetimeFor(deps.config().openstackReadTimeout())), mapper),
                new AuditRoutes(new AuditReader(deps.auditLog())),
                new OpsRoutes(deps.databaseCheck(), deps.keystoneCheck(), auditWriter::healthy, () -> stopping,
                        deps.metrics()),
                new DocsRoutes()));
        groups.addAll(deps.extraRoutes());
        this.routes = groups.stream().flatMap(group -> group.routes().stream()).toList();
        this.app = Javalin.create(this::configure);
    }

    public StackpilotServer start() {
        app.start(deps.config().bindAddress(), deps.config().port());
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

    /** Stops accepting, waits for in-flight requests up to the shutdown timeout, stops, drains the audit queue. */
    public void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        Duration timeout = deps.config().shutdownTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
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
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            sleepBriefly();
        }
        if (inFlight.get() > 0) {
            LOG.warn("{} requests still running after {}; stopping anyway", inFlight.get(), timeout);
        }
        if (app.jettyServer().started()) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            app.jettyServer().server().setStopTimeout(Math.max(leftMillis, 1000));
        }
        app.stop();
        long left = Math.max(deadline - System.nanoTime(), Duration.ofSeconds(1).toNanos());
        int unwritten = auditWriter.close(Duration.ofNanos(left));
        LOG.info("Stackpilot stopped ({} audit rows unwritten)", unwritten);
    }

    @Override
    public void close() {
        stop();
    }

    private void configure(JavalinConfig config) {
        config.concurrency.useVirtualThreads = true;
        config.startup.showJavalinBanner = false;
        config.http.prefer405over404 = true;
        config.jsonMapper(new JavalinJackson(mapper, true));
        config.staticFiles.enableWebjars();
        // Jetty counts a request as done only when its response is written; on stop it waits for those (up to its
        // stop timeout) before closing connections. Our own in-flight count ends in the request logger, which can run
        // before the response bytes leave, so without this a stop could cut an answered request's response.
        config.jetty.modifyServer(server -> server.setHandler(new GracefulHandler()));
        config.routes.before(this::beginRequest);
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
            LOG.error("request {} failed: {} {}", requestId(ctx), ctx.method(), ctx.path(), e);
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
        config.requestLogger.http((ctx, ms) -> finishRequest(ctx));
    }

    private void beginRequest(Context ctx) {
        inFlight.incrementAndGet();
        String given = ctx.header(RequestState.REQUEST_ID_HEADER);
        String requestId = given != null && SAFE_REQUEST_ID.matcher(given).matches() ? given
                : "req-" + UUID.randomUUID();
        RequestState.begin(ctx, requestId, deps.clock().instant());
        ctx.header(RequestState.REQUEST_ID_HEADER, requestId);
    }

    private void handle(ApiRoute route, Context ctx) throws Exception {
        RequestState.of(ctx).route(route.path());
        if (route.authenticated()) {
            callers.authenticate(ctx);
        }
        route.handler().handle(ctx);
    }

    private void finishRequest(Context ctx) {
        RequestState state = RequestState.of(ctx);
        if (state == null) {
            return;
        }
        inFlight.decrementAndGet();
        int status = ctx.statusCode();
        String route = state.route() != null ? state.route()
                : ctx.path().startsWith("/webjars/") && status < 400 ? "/webjars/*" : "unmatched";
        deps.metrics().recordRequest(ctx.method().name(), route, status, state.elapsedNanos());
        auditRecorder.record(ctx, state, state.route(), status);
    }

    private static String requestId(Context ctx) {
        RequestState state = RequestState.of(ctx);
        return state == null ? "none" : state.requestId();
    }

    private void registerGauges() {
        deps.metrics().register("stackpilot_audit_queue_depth", "gauge", "Audit rows waiting to be stored.",
                auditWriter::depth);
        deps.metrics().register("stackpilot_audit_dropped_total", "counter",
                "Audit rows dropped because the queue was full.", auditWriter::dropped);
        deps.metrics().register("stackpilot_audit_write_failures_total", "counter",
                "Failed attempts to store a batch of audit rows.", auditWriter::failures);
        deps.metrics().register("stackpilot_token_cache_hits_total", "counter",
                "Token validations answered from the cache.", tokens::hits);
        deps.metrics().register("stackpilot_token_cache_misses_total", "counter",
                "Token validations sent to Keystone.", tokens::misses);
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
