package io.stackpilot.core.reach;

import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.network.FloatingIp;
import io.stackpilot.core.network.FloatingIpGateway;
import io.stackpilot.core.network.Network;
import io.stackpilot.core.network.NetworkGateway;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationKind;
import io.stackpilot.core.operation.OperationQuery;
import io.stackpilot.core.operation.OperationRepository;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A launch that asks for a floating IP ({@code "floating_ip"} on {@code POST /api/v1/servers}): the external network
 * is chosen and checked before the boot and recorded on the VM as the metadata {@link #METADATA_KEY}; after the boot
 * an {@link OperationKind#ASSOCIATE_FLOATING_IP} operation on the VM's id hands the rest to the engine, which
 * allocates and associates the address once the VM is ACTIVE ({@link FloatingIpAssignment}), on one replica, also
 * after a restart. The addresses the engine allocates carry {@link #descriptionFor} and are released with the
 * server. Every server and address is the session project's. Thread-safe.
 */
public final class FloatingIpAtLaunch {
    /** The server metadata key whose value is the external network the server's floating IP comes from. */
    public static final String METADATA_KEY = "stackpilot:floating-ip";

    private final ComputeGateway compute;
    private final NetworkGateway networks;
    private final FloatingIpGateway floatingIps;
    private final OperationRepository operations;
    private final Clock clock;

    public FloatingIpAtLaunch(ComputeGateway compute, NetworkGateway networks, FloatingIpGateway floatingIps,
                              OperationRepository operations, Clock clock) {
        this.compute = compute;
        this.networks = networks;
        this.floatingIps = floatingIps;
        this.operations = operations;
        this.clock = clock;
    }

    /** The description of an address the engine allocated for the server: its mark, found again after a crash. */
    public static String descriptionFor(ServerId server) {
        return "stackpilot: floating ip of server " + server.value();
    }

    /**
     * The request asking for a floating IP from {@code floatingNetworkId}, or, when that is null, from the only
     * external network the project sees.
     *
     * @throws InvalidRequestException ({@code floating_ip.network}) when that is not an external network, or there
     *     is none or several to choose from
     */
    public BootRequest ask(Session session, BootRequest request, String floatingNetworkId) {
        List<Network> external = networks.listNetworks(session).stream().filter(Network::external).toList();
        String network = floatingNetworkId;
        if (network == null) {
            if (external.size() != 1) {
                throw InvalidRequestException.of("floating_ip.network", external.isEmpty()
                        ? "no external network is there to allocate a floating ip from"
                        : "is needed: the project sees several external networks ("
                        + String.join(", ", external.stream().map(Network::id).toList()) + ")");
            }
            network = external.getFirst().id();
        } else if (external.stream().noneMatch(n -> n.id().equals(floatingNetworkId))) {
            throw InvalidRequestException.of("floating_ip.network", "unknown external network " + floatingNetworkId);
        }
        return request.withMetadata(METADATA_KEY, network);
    }

    /**
     * Hands the launched server's floating IP to the engine: enqueues its operation unless the server already has
     * one (a replayed launch), and returns it; empty when the server did not ask for a floating IP.
     */
    public Optional<Operation> handOver(Session session, Server server) {
        if (!asked(session, server)) {
            return Optional.empty();
        }
        Optional<Operation> existing = latest(session, server);
        if (existing.isPresent()) {
            return existing;
        }
        return Optional.of(operations.enqueue(Operation.queue(server.projectId(), OperationKind.ASSOCIATE_FLOATING_IP,
                target(server.id()), "floating ip asked for at launch of server " + server.name(), clock.instant(),
                server.location())));
    }

    /** The newest operation giving the session project's server its floating IP; empty when it asked for none. */
    public Optional<Operation> latest(Session session, Server server) {
        if (!asked(session, server)) {
            return Optional.empty();
        }
        return operations.list(new OperationQuery(server.projectId(), target(server.id()), null, 1)).stream()
                .filter(op -> op.kind() == OperationKind.ASSOCIATE_FLOATING_IP).findFirst();
    }

    /**
     * Before the session project's server is deleted: cancels its queued operation and releases the addresses the
     * engine allocated for it (the cloud only disassociates them when the server goes). Does nothing for a server
     * that asked for no floating IP, or that is not the session project's (its delete reports that).
     */
    public void releaseFor(Session session, ServerId serverId) {
        Optional<Server> server = compute.findServer(session, serverId);
        if (server.isEmpty() || !asked(session, server.get())) {
            return;
        }
        operations.pending(target(serverId)).filter(op -> op.kind() == OperationKind.ASSOCIATE_FLOATING_IP)
                .ifPresent(op -> operations.cancel(op.id(), "server " + serverId.value() + " is being deleted",
                        clock.instant()));
        String mark = descriptionFor(serverId);
        for (FloatingIp ip : floatingIps.listFloatingIps(session)) {
            if (ip.projectId().equals(session.project().id()) && mark.equals(ip.description())) {
                try {
                    floatingIps.release(session, ip.id());
                } catch (NotFoundException gone) {
                    // released meanwhile: what was wanted
                }
            }
        }
    }

    private static boolean asked(Session session, Server server) {
        return server.projectId().equals(session.project().id()) && server.metadata().containsKey(METADATA_KEY);
    }

    /** Nova's server ids are UUIDs; the operation's target is the VM's id, as for preemption. */
    static UUID target(ServerId server) {
        return UUID.fromString(server.value());
    }
}
