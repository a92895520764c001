package io.stackpilot.core.reach;

import io.stackpilot.core.common.Require;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.error.StackpilotException;
import io.stackpilot.core.error.UpstreamException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.network.FloatingIp;
import io.stackpilot.core.network.FloatingIpGateway;
import io.stackpilot.core.network.ServerPort;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One run of an {@code associate-floating-ip} operation (see {@link FloatingIpAtLaunch}): once the server is built,
 * allocates an address from the network its metadata names, marked with {@link FloatingIpAtLaunch#descriptionFor},
 * and associates it with the server's first port that has an IPv4 address. Safe to run again after a crash at any
 * point: an address already marked for the server is used (or, when associated, is the result), never a second
 * one allocated. Only objects of the operation's project are looked at or changed. Thread-safe if its ports are.
 */
public final class FloatingIpAssignment {
    /** How long after the operation was queued the server may take to be built before the operation fails. */
    public static final Duration WAIT_LIMIT = Duration.ofMinutes(30);
    /** How often a waiting operation looks at the server again. */
    public static final Duration POLL = Duration.ofSeconds(3);

    /** What a run came to; {@code detail} says what it waits for or what it did. */
    public record Outcome(State state, String detail) {
        public enum State { ASSOCIATED, SERVER_GONE, WAITING }

        public Outcome {
            Require.notNull(state, "state");
            Require.notNull(detail, "detail");
        }

        public boolean waiting() {
            return state == State.WAITING;
        }
    }

    private final ComputeGateway compute;
    private final FloatingIpGateway floatingIps;

    public FloatingIpAssignment(ComputeGateway compute, FloatingIpGateway floatingIps) {
        this.compute = compute;
        this.floatingIps = floatingIps;
    }

    /**
     * Gives the project's server its floating IP, or says why it waits. A server that is gone (or not the
     * project's) needs none: the addresses marked for it are released. {@code holdClaim} runs before each change in
     * the cloud and throws when the run must stop.
     *
     * @throws StackpilotException when it cannot be done (the server is in ERROR, no such external network, the
     *     quota is used up, the cloud refuses the association); an {@link UpstreamException} may pass with a retry
     */
    public Outcome run(Session session, String projectId, ServerId serverId, Runnable holdClaim) {
        Optional<Server> found = compute.findServer(session, serverId)
                .filter(server -> server.projectId().equals(projectId) && server.status() != ServerStatus.DELETED);
        List<FloatingIp> marked = marked(session, projectId, serverId);
        if (found.isEmpty()) {
            release(session, marked, holdClaim);
            return new Outcome(Outcome.State.SERVER_GONE, "server " + serverId.value() + " is gone"
                    + (marked.isEmpty() ? "" : "; released " + marked.size() + " floating ip(s) marked for it"));
        }
        Server server = found.get();
        String network = server.metadata().get(FloatingIpAtLaunch.METADATA_KEY);
        if (network == null || network.isBlank()) {
            throw InvalidRequestException.of("floating_ip", "server " + serverId.value()
                    + " does not ask for a floating ip");
        }
        Optional<FloatingIp> done = marked.stream().filter(FloatingIp::associated).findFirst();
        if (done.isPresent()) {
            return associated(done.get(), "already associated");
        }
        if (server.status() == ServerStatus.ERROR) {
            throw new ConflictException("server " + serverId.value() + " is in ERROR"
                    + (server.fault() == null ? "" : ": " + server.fault()) + "; no floating ip was allocated");
        }
        if (server.status() == ServerStatus.BUILD) {
            return new Outcome(Outcome.State.WAITING, "server " + serverId.value() + " is still BUILD");
        }
        Optional<ServerPort> port = floatingIps.serverPorts(session, serverId.value()).stream()
                .filter(p -> p.projectId().equals(projectId) && p.ipv4() != null).findFirst();
        if (port.isEmpty()) {
            return new Outcome(Outcome.State.WAITING, "server " + serverId.value()
                    + " has no port with an IPv4 address yet");
        }
        FloatingIp ip;
        if (marked.isEmpty()) {
            holdClaim.run();
            ip = floatingIps.allocate(session, network, FloatingIpAtLaunch.descriptionFor(serverId));
        } else {
            // Allocated by an earlier run that stopped before associating it.
            ip = marked.getFirst();
        }
        holdClaim.run();
        try {
            return associated(floatingIps.associate(session, ip.id(), port.get().id(), port.get().ipv4()),
                    "allocated and associated");
        } catch (UpstreamException retryable) {
            throw retryable; // the mark finds this address again on the next run
        } catch (StackpilotException refused) {
            // An address that reaches nothing would stay allocated (and count against the quota) unseen.
            releaseQuietly(session, ip, refused);
            throw refused;
        }
    }

    /**
     * After the operation failed finally: releases the addresses marked for the server that are not associated
     * (an earlier run may have allocated one before the cloud failed).
     */
    public void releaseUnassociated(Session session, String projectId, ServerId serverId) {
        for (FloatingIp ip : marked(session, projectId, serverId)) {
            if (!ip.associated()) {
                releaseIfThere(session, ip);
            }
        }
    }

    /**
     * When the server is removed by other means than the API's delete (preemption): releases every address marked
     * for it, associated or not (the cloud only disassociates them when the server goes).
     */
    public void releaseAll(Session session, String projectId, ServerId serverId) {
        for (FloatingIp ip : marked(session, projectId, serverId)) {
            releaseIfThere(session, ip);
        }
    }

    private List<FloatingIp> marked(Session session, String projectId, ServerId serverId) {
        String mark = FloatingIpAtLaunch.descriptionFor(serverId);
        return floatingIps.listFloatingIps(session).stream()
                .filter(ip -> ip.projectId().equals(projectId) && mark.equals(ip.description())).toList();
    }

    private void release(Session session, List<FloatingIp> ips, Runnable holdClaim) {
        for (FloatingIp ip : ips) {
            holdClaim.run();
            releaseIfThere(session, ip);
        }
    }

    private void releaseIfThere(Session session, FloatingIp ip) {
        try {
            floatingIps.release(session, ip.id());
        } catch (NotFoundException gone) {
            // released meanwhile: what was wanted
        }
    }

    private void releaseQuietly(Session session, FloatingIp ip, RuntimeException cause) {
        try {
            floatingIps.release(session, ip.id());
        } catch (RuntimeException releaseFailed) {
            cause.addSuppressed(releaseFailed);
        }
    }

    private static Outcome associated(FloatingIp ip, String how) {
        return new Outcome(Outcome.State.ASSOCIATED, "floating ip " + ip.ip() + " (" + ip.id() + ") " + how);
    }
}
