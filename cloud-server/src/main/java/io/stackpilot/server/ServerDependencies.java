package io.stackpilot.server;

import io.stackpilot.core.audit.AuditLogRepository;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.idempotency.IdempotencyRepository;
import io.stackpilot.core.identity.IdentityGateway;
import io.stackpilot.core.image.ImageGateway;
import io.stackpilot.core.network.NetworkGateway;
import io.stackpilot.server.config.ServerConfig;
import io.stackpilot.server.http.HealthCheck;
import io.stackpilot.server.http.RouteGroup;
import io.stackpilot.server.metrics.DaemonMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@link StackpilotServer} needs from outside, wired by the composition root ({@code Main}) from the
 * OpenStack adapter and the database, or by tests from the in-memory fakes. {@code metrics} is created first so
 * that its {@code upstream()::onResponse} can be given to the adapter as its observer. {@code extraRoutes} are
 * further feature route groups (e.g. statistics) registered like the built-in ones.
 */
public record ServerDependencies(ServerConfig config, Clock clock, Location location, IdentityGateway identity,
                                 ComputeGateway compute, ImageGateway images, NetworkGateway networks,
                                 AuditLogRepository auditLog, IdempotencyRepository idempotencyKeys,
                                 HealthCheck databaseCheck, HealthCheck keystoneCheck, DaemonMetrics metrics,
                                 List<RouteGroup> extraRoutes, ServerTuning tuning) {
    public ServerDependencies {
        extraRoutes = List.copyOf(extraRoutes);
    }

    public ServerDependencies withRoutes(RouteGroup... groups) {
        List<RouteGroup> all = new ArrayList<>(extraRoutes);
        all.addAll(List.of(groups));
        return new ServerDependencies(config, clock, location, identity, compute, images, networks, auditLog,
                idempotencyKeys, databaseCheck, keystoneCheck, metrics, all, tuning);
    }

    public ServerDependencies withTuning(ServerTuning newTuning) {
        return new ServerDependencies(config, clock, location, identity, compute, images, networks, auditLog,
                idempotencyKeys, databaseCheck, keystoneCheck, metrics, extraRoutes, newTuning);
    }
}
