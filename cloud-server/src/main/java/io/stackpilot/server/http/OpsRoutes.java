package io.stackpilot.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.http.HandlerType;
import io.stackpilot.server.metrics.DaemonMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Operations endpoints, open to anyone who can reach the port: {@code /healthz} (alive), {@code /readyz}
 * (database, Keystone and audit sink healthy, and not shutting down; 503 otherwise) and {@code /metrics}.
 */
public final class OpsRoutes implements RouteGroup {
    private final Map<String, HealthCheck> checks;
    private final BooleanSupplier stopping;
    private final DaemonMetrics metrics;

    public OpsRoutes(HealthCheck database, HealthCheck keystone, HealthCheck auditQueue, BooleanSupplier stopping,
                     DaemonMetrics metrics) {
        this.checks = new LinkedHashMap<>();
        checks.put("database", database);
        checks.put("keystone", keystone);
        checks.put("audit_queue", auditQueue);
        this.stopping = stopping;
        this.metrics = metrics;
    }

    record Health(String status) {
    }

    /** {@code reasons} says why a failing check fails, where it can tell (omitted when empty). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Readiness(String status, Map<String, String> checks, Map<String, String> reasons) {
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.open(HandlerType.GET, "/healthz", ctx -> ctx.json(new Health("ok"))),
                ApiRoute.open(HandlerType.GET, "/readyz", ctx -> {
                    Map<String, String> results = new LinkedHashMap<>();
                    Map<String, String> reasons = new LinkedHashMap<>();
                    checks.forEach((name, check) -> {
                        boolean healthy = HealthCheck.safely(check);
                        results.put(name, healthy ? "ok" : "failing");
                        if (!healthy) {
                            check.reason().ifPresent(reason -> reasons.put(name, reason));
                        }
                    });
                    boolean ready = !results.containsValue("failing") && !stopping.getAsBoolean();
                    String status = stopping.getAsBoolean() ? "stopping" : ready ? "ok" : "unavailable";
                    ctx.status(ready ? 200 : 503).json(new Readiness(status, results, reasons));
                }),
                ApiRoute.open(HandlerType.GET, "/metrics", ctx -> ctx.contentType(DaemonMetrics.contentType())
                        .result(metrics.render())));
    }
}
