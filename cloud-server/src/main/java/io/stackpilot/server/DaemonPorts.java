package io.stackpilot.server;

import io.stackpilot.core.audit.AuditLogRepository;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.ServerControlGateway;
import io.stackpilot.core.idempotency.IdempotencyRepository;
import io.stackpilot.core.identity.IdentityGateway;
import io.stackpilot.core.image.ImageGateway;
import io.stackpilot.core.location.LocationGateway;
import io.stackpilot.core.network.NetworkGateway;
import io.stackpilot.core.stats.StatsSampleRepository;
import io.stackpilot.server.config.DaemonConfig;
import io.stackpilot.server.http.HealthCheck;
import io.stackpilot.server.metrics.DaemonMetrics;
import java.time.Clock;

/**
 * Everything the daemon's API needs from outside, handed to the composition root ({@link ApiWiring}): the ports
 * (from the OpenStack adapter and the database in {@code Main}, from the in-memory fakes in tests), the
 * configuration, the clock and the metrics. {@code metrics} is created first so that its
 * {@code upstream()::onResponse} can be given to the adapter as its observer. {@code engine} holds the
 * desired-state engine's stores and service sessions. {@code serverControl} takes server actions and console logs;
 * {@code reach} holds the floating IP, security group and key pair gateways. {@code locations} are the configured clouds
 * and regions (the identity cloud's one location unless {@code STACKPILOT_CLOUDS} names others).
 */
public record DaemonPorts(DaemonConfig config, Clock clock, Location location, IdentityGateway identity,
                          ComputeGateway compute, ImageGateway images, NetworkGateway networks,
                          AuditLogRepository auditLog, IdempotencyRepository idempotencyKeys,
                          StatsSampleRepository statsSamples, HealthCheck databaseCheck, HealthCheck keystoneCheck,
                          DaemonMetrics metrics, DaemonTuning tuning, EnginePorts engine,
                          ServerControlGateway serverControl, ReachGateways reach, LocationGateway locations) {
}
