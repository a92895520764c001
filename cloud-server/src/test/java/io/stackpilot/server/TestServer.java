package io.stackpilot.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.audit.AuditLogRepository;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.idempotency.IdempotentLauncher;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.identity.IdentityGateway;
import io.stackpilot.core.identity.Principal;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.FakeReach;
import io.stackpilot.core.testing.FakeProjectSessions;
import io.stackpilot.core.testing.InMemoryPreemptionLock;
import io.stackpilot.core.testing.InMemoryPreemptionRepository;
import io.stackpilot.core.testing.InMemoryAuditLogRepository;
import io.stackpilot.core.testing.InMemoryManagedServerRepository;
import io.stackpilot.core.testing.InMemoryOperationRepository;
import io.stackpilot.core.testing.InMemoryIdempotencyRepository;
import io.stackpilot.core.testing.InMemoryStatsSampleRepository;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.server.config.DaemonConfig;
import io.stackpilot.server.http.HealthCheck;
import io.stackpilot.server.http.RouteGroup;
import io.stackpilot.server.metrics.DaemonMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The server started in-process on port 0 over the in-memory fakes, with an HTTP client pointed at it, in the
 * spirit of Javalin's own test tools. Close it at the end of each test.
 */
final class TestServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock clock = MutableClock.at("2026-11-22T06:00:00Z");
    final FakeCloud cloud = FakeCloud.withLabContent(clock);
    final FakeReach reach = new FakeReach(cloud);
    final InMemoryAuditLogRepository auditLog = new InMemoryAuditLogRepository();
    final InMemoryIdempotencyRepository idempotencyKeys = new InMemoryIdempotencyRepository();
    final DaemonMetrics metrics = new DaemonMetrics();
    final AtomicBoolean databaseUp = new AtomicBoolean(true);
    final InMemoryStatsSampleRepository statsSamples = new InMemoryStatsSampleRepository();
    final InMemoryManagedServerRepository managedServers = new InMemoryManagedServerRepository();
    final InMemoryOperationRepository operations = new InMemoryOperationRepository();
    final FakeProjectSessions projectSessions = new FakeProjectSessions();
    final io.stackpilot.core.testing.InMemoryScheduleRepository schedules =
            new io.stackpilot.core.testing.InMemoryScheduleRepository();
    final InMemoryPreemptionRepository preemptions = new InMemoryPreemptionRepository();
    /** The configured locations: the fake cloud's one, as a daemon without STACKPILOT_CLOUDS has. */
    final io.stackpilot.core.testing.FakeLocations locations = io.stackpilot.core.testing.FakeLocations.of(10,
            Location.DEFAULT);
    final StackpilotServer server;
    /** The composition root this server came from: tests build the engine's loop from it as the daemon does. */
    final ApiWiring wiring;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestServer(Map<String, String> env, ComputeGateway compute, AuditLogRepository audit,
                       RouteGroup... routes) {
        this(env, compute, audit, null, routes);
    }

    private TestServer(Map<String, String> env, ComputeGateway compute, AuditLogRepository audit,
                       UnaryOperator<IdentityGateway> identity, RouteGroup... routes) {
        Map<String, String> all = new HashMap<>(Map.of("STACKPILOT_PORT", "0", "STACKPILOT_BIND_ADDRESS", "127.0.0.1",
                "STACKPILOT_ALLOWED_PROJECTS", "demo,alt-demo,admin", "STACKPILOT_REPLICA_ID", "test-replica"));
        all.putAll(env);
        HealthCheck database = databaseUp::get;
        DaemonConfig config = DaemonConfig.fromEnvironment(all);
        DaemonPorts ports = new DaemonPorts(config, clock, Location.DEFAULT,
                identity == null ? cloud : identity.apply(cloud), compute == null ? cloud : compute, cloud, cloud, audit == null ? auditLog : audit,
                idempotencyKeys, statsSamples, database, metrics.upstream()::identityHealthy, metrics,
                new DaemonTuning(1000, Duration.ZERO, IdempotentLauncher.CLAIM_LIFETIME, 100, Duration.ofMillis(20)),
                new EnginePorts(managedServers, operations, projectSessions, schedules, new PreemptionPorts(
                        preemptions, new InMemoryPreemptionLock(), Duration.ofSeconds(5))), cloud,
                new ReachGateways(reach, reach, reach), locations);
        this.wiring = new ApiWiring(ports);
        this.server = wiring.server(routes).start();
    }

    static TestServer start() {
        return new TestServer(Map.of(), null, null);
    }

    static TestServer start(Map<String, String> env) {
        return new TestServer(env, null, null);
    }

    /** With the statistics route over {@link #statsSamples} (hourly buckets); every test server has it, as the daemon. */
    static TestServer withStats() {
        return new TestServer(Map.of(), null, null);
    }

    static TestServer withCompute(ComputeGateway compute) {
        return new TestServer(Map.of(), compute, null);
    }

    /** With the fake cloud's identity service wrapped (e.g. to behave like the real HTTP client). */
    static TestServer withIdentity(UnaryOperator<IdentityGateway> identity) {
        return new TestServer(Map.of(), null, null, identity);
    }

    static TestServer withAuditLog(AuditLogRepository audit) {
        return new TestServer(Map.of(), null, audit);
    }

    static TestServer withAuditLog(AuditLogRepository audit, Map<String, String> env) {
        return new TestServer(env, null, audit);
    }

    static TestServer withRoutes(RouteGroup... groups) {
        return new TestServer(Map.of(), null, null, groups);
    }

    String token(Principal principal) {
        return cloud.issueToken(principal);
    }

    HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    HttpResponse<String> post(String path, String token, String body, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(Map.of("Content-Type", "application/json"));
        all.putAll(headers);
        return send("POST", path, token, body, all);
    }

    HttpResponse<String> send(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored audit rows once the condition holds (the writer is asynchronous); fails after 10 s. */
    List<AuditEntry> auditRowsWhen(Predicate<List<AuditEntry>> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<AuditEntry> rows = auditLog.all();
            if (condition.test(rows)) {
                return rows;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("audit rows never matched; have " + auditLog.all());
    }

    /** The audit row of the request with this id. */
    AuditEntry auditRowOf(HttpResponse<String> response) {
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        return auditRowsWhen(rows -> rows.stream().anyMatch(r -> r.requestId().equals(requestId))).stream()
                .filter(r -> r.requestId().equals(requestId)).findFirst().orElseThrow();
    }

    /**
     * Waits (up to 10 s) until every request sent so far has completed on the server: its metrics sample and audit
     * row are taken when Jetty completes it, which can be just after the client has read the answer.
     */
    void awaitCompletedRequests() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.inFlight() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        server.stop();
        // Unhooks the GC listeners of the JVM binders (one set per test server otherwise stays for the whole run).
        metrics.close();
    }
}
