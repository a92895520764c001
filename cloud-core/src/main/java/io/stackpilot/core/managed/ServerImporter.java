package io.stackpilot.core.managed;

import io.stackpilot.core.compute.Address;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.ResourceRef;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.network.Network;
import io.stackpilot.core.network.NetworkGateway;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Imports VMs that already exist in the caller's project, as managed or observed resources. Only VMs whose
 * project is the caller's are considered, whatever the cloud shows. Importing a VM that a resource already manages
 * or observes is a conflict, and then nothing is imported. Thread-safe.
 */
public final class ServerImporter {
    private final ManagedServerRepository resources;
    private final ComputeGateway compute;
    private final NetworkGateway networks;
    private final Clock clock;

    public ServerImporter(ManagedServerRepository resources, ComputeGateway compute, NetworkGateway networks,
                          Clock clock) {
        this.resources = resources;
        this.compute = compute;
        this.networks = networks;
        this.clock = clock;
    }

    /**
     * @throws InvalidRequestException for a missing or double selector, a bad regex or name
     * @throws NotFoundException when the server id names no VM of the caller's project
     * @throws ConflictException when a selected VM is already imported or a name is taken
     * @throws InvalidRequestException also when a managed import's networks cannot be resolved to ids among the
     *         networks the caller's project can see (none, or a name shared by several): the engine could not
     *         recreate such a VM
     */
    public List<ManagedServer> importServers(Session session, ImportRequest request) {
        String projectId = session.project().id();
        List<Server> selected = select(session, projectId, request);
        List<String> conflicts = new ArrayList<>();
        for (Server server : selected) {
            resources.findByServerId(projectId, server.id().value()).ifPresent(existing -> conflicts.add(
                    "server " + server.id().value() + " is already imported as " + existing.name()));
        }
        if (!conflicts.isEmpty()) {
            throw new ConflictException(String.join("; ", conflicts));
        }
        boolean managed = Boolean.TRUE.equals(request.managed());
        List<ManagedServerSpec> specs = managed ? resolvedSpecs(session, selected)
                : selected.stream().map(server -> spec(server, List.of())).toList();
        Instant now = clock.instant();
        List<ManagedServer> imported = new ArrayList<>();
        for (int i = 0; i < selected.size(); i++) {
            Server server = selected.get(i);
            String name = request.name() != null ? request.name() : ImportedNames.of(server);
            ManagedServer resource = resources.insert(new ManagedServer(UUID.randomUUID(), projectId, name, managed,
                    managed, specs.get(i), 1, status(server, now), now, now, null, null));
            resources.appendEvent(new ManagedServerEvent(resource.id(), now, "Imported", "imported VM "
                    + server.id().value() + (managed ? " as managed" : " as observed only"),
                    ManagedServerService.actor(session), null));
            imported.add(resource);
        }
        return imported;
    }

    private List<Server> select(Session session, String projectId, ImportRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        boolean byId = request.serverId() != null && !request.serverId().isBlank();
        boolean byName = request.nameRegex() != null;
        if (byId == byName) {
            problems.add(new FieldProblem("server_id", "give either server_id or filter.name, not both or neither"));
        }
        if (request.name() != null && (!ManagedServer.NAME.matcher(request.name()).matches() || byName)) {
            problems.add(new FieldProblem("name", "must be a DNS label, and only given with server_id"));
        }
        Pattern pattern = null;
        if (byName) {
            try {
                pattern = Pattern.compile(request.nameRegex());
            } catch (PatternSyntaxException bad) {
                problems.add(new FieldProblem("filter.name", "is not a regular expression: " + bad.getDescription()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        if (byId) {
            return List.of(compute.findServer(session, new ServerId(request.serverId()))
                    .filter(server -> server.projectId().equals(projectId))
                    .orElseThrow(() -> new NotFoundException("server", request.serverId())));
        }
        Pattern names = pattern;
        return OwnedServers.list(compute, session, projectId).all().stream()
                .filter(server -> names.matcher(server.name()).find()).toList();
    }

    /**
     * A managed VM must be recreatable, so its networks (Nova shows only their names) become ids among the networks
     * the project can see; every VM that cannot be resolved is reported, and then nothing is imported.
     */
    private List<ManagedServerSpec> resolvedSpecs(Session session, List<Server> selected) {
        List<Network> visible = networks.listNetworks(session);
        List<FieldProblem> problems = new ArrayList<>();
        List<ManagedServerSpec> specs = new ArrayList<>();
        for (Server server : selected) {
            List<String> ids = new ArrayList<>();
            List<String> names = networkNames(server);
            if (names.isEmpty()) {
                problems.add(new FieldProblem("managed", "server " + server.id().value()
                        + " has no network address, so it could not be recreated; import it observed only"));
            }
            for (String name : names) {
                List<String> matches = visible.stream().filter(network -> network.name().equals(name))
                        .map(Network::id).toList();
                if (matches.size() == 1) {
                    ids.add(matches.get(0));
                } else {
                    problems.add(new FieldProblem("managed", "network '" + name + "' of server "
                            + server.id().value() + (matches.isEmpty() ? " is not visible to the project"
                            : " is ambiguous: " + matches.size() + " visible networks have that name")
                            + ", so the server could not be recreated; import it observed only"));
                }
            }
            specs.add(spec(server, ids));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return specs;
    }

    private static List<String> networkNames(Server server) {
        return server.addresses().stream().map(Address::network).distinct().toList();
    }

    private static ManagedServerSpec spec(Server server, List<String> networkIds) {
        List<String> networks = networkNames(server);
        // image is null for a server booted from a volume
        ResourceRef image = server.image();
        return new ManagedServerSpec(server.flavor().id(), image == null ? null : image.id(),
                networkIds, server.flavor().name(), image == null ? null : image.name(), networks,
                server.preemptible(), UpdatePolicy.MANUAL, null);
    }

    private static ManagedServerStatus status(Server server, Instant now) {
        return new ManagedServerStatus(Phase.PENDING, 0, server.id().value(), server.status(), server.addresses(),
                server.location(), List.of(), now);
    }
}
