package io.stackpilot.core.testing;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.compute.Address;
import io.stackpilot.core.compute.AddressType;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.compute.ResourceRef;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerAction;
import io.stackpilot.core.compute.ServerControlGateway;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.compute.ServerUsage;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.error.QuotaExceededException;
import io.stackpilot.core.error.UnauthenticatedException;
import io.stackpilot.core.identity.ApplicationCredentials;
import io.stackpilot.core.identity.Credentials;
import io.stackpilot.core.identity.IdentityGateway;
import io.stackpilot.core.identity.IssuedToken;
import io.stackpilot.core.identity.PasswordCredentials;
import io.stackpilot.core.identity.Principal;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.image.Image;
import io.stackpilot.core.image.ImageGateway;
import io.stackpilot.core.network.Network;
import io.stackpilot.core.network.NetworkQuota;
import io.stackpilot.core.network.NetworkGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An in-memory cloud implementing all four gateways, for use-case, server and CLI tests. It keeps OpenStack's
 * visible rules: tokens identify principals, servers belong to projects, all-projects listing needs the admin role,
 * a token with the admin role may show and delete any project's server by id (Nova's default policy), unknown
 * flavor/image/network are invalid, and a per-project instance quota. Every gateway call is counted by
 * method name ({@link #calls(String)}), and {@link #failNext} makes the next call fail. Server actions change the
 * status at once, with Nova's state rules (409 when the state does not allow the action). Thread-safe.
 */
public final class FakeCloud implements IdentityGateway, ComputeGateway, ImageGateway, NetworkGateway,
        ServerControlGateway {
    public static final Location LOCATION = Location.DEFAULT;

    private record Account(String password, Principal principal) {
    }

    private final Clock clock;
    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, Principal> tokens = new HashMap<>();
    private final List<Flavor> flavors = new ArrayList<>();
    private final List<Image> images = new ArrayList<>();
    private final List<Network> networks = new ArrayList<>();
    private final Map<String, Server> servers = new LinkedHashMap<>();
    private final Map<String, ServerUsage> lifetimes = new LinkedHashMap<>();
    private final Map<String, Integer> instanceQuota = new HashMap<>();
    private final Map<String, ResourceRef> flavorBeforeResize = new HashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private volatile Supplier<? extends RuntimeException> nextFailure;
    private volatile ServerStatus bootStatus = ServerStatus.ACTIVE;
    private volatile boolean listsLeakOtherProjects;
    private final Map<String, Integer> lingering = new HashMap<>();
    private int deleteLingers;
    private volatile int hostVcpus = -1;

    public FakeCloud(Clock clock) {
        this.clock = clock;
    }

    /** A cloud with the lab's users, flavors, images and networks (see {@link TestData}). */
    public static FakeCloud withLabContent(Clock clock) {
        FakeCloud cloud = new FakeCloud(clock);
        TestData.populate(cloud);
        return cloud;
    }

    // ---- setup -------------------------------------------------------------------------------------------

    public synchronized FakeCloud addUser(String username, String password, Principal principal) {
        accounts.put(username + "@" + principal.project().name(), new Account(password, principal));
        return this;
    }

    /** Registers a token directly (as if the user had logged in elsewhere) and returns it. */
    public synchronized String issueToken(Principal principal) {
        String token = "gAAAA-fake-" + UUID.randomUUID();
        tokens.put(token, principal);
        return token;
    }

    public synchronized void revoke(String token) {
        tokens.remove(token);
    }

    public synchronized FakeCloud addFlavor(Flavor flavor) {
        flavors.add(flavor);
        return this;
    }

    public synchronized FakeCloud addImage(Image image) {
        images.add(image);
        return this;
    }

    public synchronized FakeCloud addNetwork(Network network) {
        networks.add(network);
        return this;
    }

    /** Puts a server straight into the cloud (any project, any status), e.g. to prepare statistics. */
    public synchronized Server putServer(Server server) {
        servers.put(server.id().value(), server);
        lifetimes.putIfAbsent(server.id().value(), new ServerUsage(server.id().value(), server.name(),
                server.projectId(), server.created().orElse(clock.instant()), null, server.status()));
        return server;
    }

    public synchronized void setStatus(ServerId id, ServerStatus status) {
        Server s = servers.get(id.value());
        servers.put(id.value(), new Server(s.id(), s.name(), status, s.addresses(), s.flavor(), s.image(),
                s.projectId(), s.createdAt(), s.preemptible(), s.metadata(), s.location()));
    }

    /**
     * Models a cloud whose (customised) policy shows an admin token other projects' servers even in a plain list,
     * so that tests can show the service does not rely on the cloud's list filter.
     */
    public void setListsLeakOtherProjects(boolean leak) {
        this.listsLeakOtherProjects = leak;
    }

    /** Deletes a server behind everybody's back (as an admin would with the Nova API). */
    public synchronized void removeServer(ServerId id) {
        servers.remove(id.value());
    }

    public void setBootStatus(ServerStatus status) {
        this.bootStatus = status;
    }

    /**
     * One host with this many vCPUs for every project (-1: unlimited): a boot that does not fit goes to ERROR with
     * Nova's fault "No valid host was found", as the scheduler does.
     */
    public void setHostVcpus(int vcpus) {
        this.hostVcpus = vcpus;
    }

    public synchronized void setInstanceQuota(String projectId, int maxInstances) {
        instanceQuota.put(projectId, maxInstances);
    }

    /** From now on a deleted VM stays visible to {@code findServer} for that many more reads, as Nova's does. */
    public synchronized void deletesLingerFor(int reads) {
        this.deleteLingers = reads;
    }

    /** The next gateway call (any method) throws what the supplier makes; later calls succeed again. */
    public void failNext(Supplier<? extends RuntimeException> failure) {
        this.nextFailure = failure;
    }

    public int calls(String method) {
        AtomicInteger count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    public synchronized List<Server> allServers() {
        return List.copyOf(servers.values());
    }

    // ---- identity ----------------------------------------------------------------------------------------

    @Override
    public synchronized IssuedToken authenticate(Credentials credentials) {
        enter("authenticate");
        if (credentials instanceof PasswordCredentials password) {
            Account account = accounts.get(password.username() + "@" + password.project());
            if (account == null || !account.password().equals(password.password())) {
                throw new UnauthenticatedException("The request you have made requires authentication.");
            }
            return new IssuedToken(issueToken(account.principal()), account.principal());
        }
        ApplicationCredentials appCred = (ApplicationCredentials) credentials;
        throw new UnauthenticatedException("unknown application credential " + appCred.id());
    }

    @Override
    public synchronized Principal validate(String token) {
        enter("validate");
        Principal principal = tokens.get(token);
        if (principal == null || !principal.expiresAt().isAfter(clock.instant())) {
            throw new UnauthenticatedException("The request you have made requires authentication.");
        }
        return principal;
    }

    @Override
    public synchronized void revoke(Session session) {
        enter("revoke");
        tokens.remove(session.token());
    }

    @Override
    public synchronized List<ProjectRef> listProjects() {
        enter("listProjects");
        Map<String, ProjectRef> projects = new LinkedHashMap<>();
        accounts.values().forEach(a -> a.principal().scopedProject().ifPresent(p -> projects.put(p.id(), p)));
        return List.copyOf(projects.values());
    }

    // ---- catalog -----------------------------------------------------------------------------------------

    @Override
    public synchronized List<Flavor> listFlavors(Session session) {
        enter("listFlavors");
        return List.copyOf(flavors);
    }

    @Override
    public synchronized List<Image> listImages(Session session) {
        enter("listImages");
        return List.copyOf(images);
    }

    @Override
    public synchronized List<Network> listNetworks(Session session) {
        enter("listNetworks");
        return List.copyOf(networks);
    }

    /** Neutron's defaults (50 floating IPs, 10 security groups); the project's one default group is in use. */
    @Override
    public synchronized NetworkQuota quota(Session session) {
        enter("networkQuota");
        return new NetworkQuota(50, 0, 10, 1);
    }

    // ---- compute -----------------------------------------------------------------------------------------

    @Override
    public synchronized Page<Server> listServers(Session session, ServerQuery query) {
        enter("listServers");
        if (query.allProjects() && !session.principal().hasRole("admin")) {
            throw new ForbiddenException("Policy doesn't allow os_compute_api:servers:detail:get_all_tenants");
        }
        List<Server> matching = servers.values().stream()
                .filter(s -> query.allProjects() ? query.projectId() == null || query.projectId().equals(s.projectId())
                        : s.projectId().equals(session.project().id()) || leaksTo(session))
                .filter(s -> query.status() == null || s.status() == query.status())
                .filter(s -> query.name() == null || s.name().matches(".*" + query.name() + ".*"))
                .sorted(Comparator.comparing((Server s) -> s.created().orElse(Instant.EPOCH)).reversed()
                        .thenComparing(s -> s.id().value()))
                .toList();
        int start = 0;
        if (query.marker() != null) {
            int index = indexOf(matching, query.marker());
            if (index < 0) {
                throw InvalidRequestException.of("marker", "marker [" + query.marker() + "] not found");
            }
            start = index + 1;
        }
        if (query.limit() == null) {
            return Page.last(matching.subList(start, matching.size()));
        }
        int end = Math.min(matching.size(), start + query.limit());
        List<Server> page = matching.subList(start, end);
        return new Page<>(page, end < matching.size() ? page.getLast().id().value() : null);
    }

    @Override
    public synchronized Optional<Server> findServer(Session session, ServerId id) {
        enter("findServer");
        Integer reads = lingering.computeIfPresent(id.value(), (key, left) -> left - 1);
        if (reads != null && reads < 0) {
            lingering.remove(id.value());
            servers.remove(id.value());
        }
        return Optional.ofNullable(servers.get(id.value())).filter(s -> visible(session, s));
    }

    /** Nova's default policy: the owner's project, or any project with the admin role. */
    private static boolean visible(Session session, Server server) {
        return server.projectId().equals(session.project().id()) || session.principal().hasRole("admin");
    }

    private boolean leaksTo(Session session) {
        return listsLeakOtherProjects && session.principal().hasRole("admin");
    }

    @Override
    public synchronized Server boot(Session session, BootRequest request) {
        enter("boot");
        List<FieldProblem> problems = new ArrayList<>();
        Optional<Flavor> flavor = flavors.stream().filter(f -> f.id().equals(request.flavorId())).findFirst();
        if (flavor.isEmpty()) {
            problems.add(new FieldProblem("flavor_id", "flavor " + request.flavorId() + " not found"));
        }
        Optional<Image> image = images.stream().filter(i -> i.id().equals(request.imageId())).findFirst();
        if (image.isEmpty()) {
            problems.add(new FieldProblem("image_id", "image " + request.imageId() + " not found"));
        }
        for (String networkId : request.networkIds()) {
            if (networks.stream().noneMatch(n -> n.id().equals(networkId))) {
                problems.add(new FieldProblem("network_ids", "network " + networkId + " not found"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        String projectId = session.project().id();
        long owned = servers.values().stream().filter(s -> s.projectId().equals(projectId)).count();
        Integer quota = instanceQuota.get(projectId);
        if (quota != null && owned >= quota) {
            throw new QuotaExceededException("Quota exceeded for instances: Requested 1, but already used "
                    + owned + " of " + quota + " instances", "req-" + UUID.randomUUID());
        }
        List<Address> addresses = new ArrayList<>();
        int host = servers.size() + 10;
        for (String networkId : request.networkIds()) {
            Network network = networks.stream().filter(n -> n.id().equals(networkId)).findFirst().orElseThrow();
            addresses.add(new Address(network.name(), "10.0.0." + host, 4, AddressType.FIXED, "fa:16:3e:00:00:"
                    + String.format("%02x", host % 256)));
        }
        Map<String, String> metadata = new HashMap<>(request.metadata());
        if (request.preemptible()) {
            metadata.put(Server.PREEMPTIBLE_METADATA_KEY, "true");
        }
        boolean noRoom = hostVcpus >= 0 && vcpusInUse() + flavor.get().vcpus() > hostVcpus;
        Server server = new Server(new ServerId(UUID.randomUUID().toString()), request.name(),
                noRoom ? ServerStatus.ERROR : bootStatus, noRoom ? List.of() : addresses,
                new ResourceRef(flavor.get().id(), flavor.get().name()),
                new ResourceRef(image.get().id(), image.get().name()), projectId, clock.instant(),
                request.preemptible(), metadata, LOCATION,
                noRoom ? "No valid host was found. There are not enough hosts available." : null);
        servers.put(server.id().value(), server);
        lifetimes.put(server.id().value(), new ServerUsage(server.id().value(), server.name(), projectId,
                clock.instant(), null, server.status()));
        return server;
    }

    private int vcpusInUse() {
        return servers.values().stream().filter(s -> s.status() != ServerStatus.ERROR)
                .mapToInt(s -> flavors.stream().filter(f -> f.id().equals(s.flavor().id())).mapToInt(Flavor::vcpus)
                        .findFirst().orElse(0)).sum();
    }

    @Override
    public synchronized void delete(Session session, ServerId id) {
        enter("delete");
        Server server = servers.get(id.value());
        if (server == null || !visible(session, server)) {
            throw new NotFoundException("server", id.value());
        }
        if (deleteLingers > 0) {
            // Nova's delete is asynchronous: the VM stays listed (ACTIVE, task "deleting") for a while.
            lingering.putIfAbsent(id.value(), deleteLingers);
        } else {
            servers.remove(id.value());
        }
        lifetimes.computeIfPresent(id.value(), (k, u) -> new ServerUsage(u.serverId(), u.name(), u.projectId(),
                u.startedAt(), clock.instant(), ServerStatus.DELETED));
    }

    @Override
    public synchronized ComputeLimits limits(Session session) {
        enter("limits");
        String projectId = session.project().id();
        int used = (int) servers.values().stream().filter(s -> s.projectId().equals(projectId)).count();
        return new ComputeLimits(instanceQuota.getOrDefault(projectId, -1), used, -1, 0, -1, 0);
    }

    @Override
    public synchronized List<ServerUsage> usage(Session session, Instant start, Instant end) {
        enter("usage");
        if (!session.principal().hasRole("admin")) {
            throw new ForbiddenException("Policy doesn't allow os_compute_api:os-simple-tenant-usage:list");
        }
        return lifetimes.values().stream()
                .filter(u -> u.startedAt().isBefore(end) && (u.endedAt() == null || u.endedAt().isAfter(start)))
                .toList();
    }

    // ---- server actions ----------------------------------------------------------------------------------

    @Override
    public synchronized void act(Session session, ServerId id, ServerAction action) {
        enter("act");
        Server server = servers.get(id.value());
        if (server == null || !visible(session, server)) {
            throw new NotFoundException("server", id.value());
        }
        ServerStatus status = server.status();
        Server changed = switch (action) {
            case ServerAction.Start start -> withStatus(requireStatus(server, action, ServerStatus.SHUTOFF),
                    ServerStatus.ACTIVE);
            case ServerAction.Stop stop -> withStatus(requireStatus(server, action, ServerStatus.ACTIVE,
                    ServerStatus.ERROR), ServerStatus.SHUTOFF);
            case ServerAction.Reboot reboot -> withStatus(reboot.hard()
                    ? requireStatus(server, action, ServerStatus.ACTIVE, ServerStatus.SHUTOFF, ServerStatus.ERROR)
                    : requireStatus(server, action, ServerStatus.ACTIVE), ServerStatus.ACTIVE);
            case ServerAction.Resize resize -> {
                requireStatus(server, action, ServerStatus.ACTIVE, ServerStatus.SHUTOFF);
                Flavor flavor = flavors.stream().filter(f -> f.id().equals(resize.flavorId())).findFirst()
                        .orElseThrow(() -> InvalidRequestException.of("flavor", "Invalid flavorRef provided."));
                flavorBeforeResize.put(id.value(), server.flavor());
                yield new Server(server.id(), server.name(), ServerStatus.VERIFY_RESIZE, server.addresses(),
                        new ResourceRef(flavor.id(), flavor.name()), server.image(), server.projectId(),
                        server.createdAt(), server.preemptible(), server.metadata(), server.location());
            }
            case ServerAction.ConfirmResize confirm -> {
                requireStatus(server, action, ServerStatus.VERIFY_RESIZE);
                flavorBeforeResize.remove(id.value());
                yield withStatus(server, ServerStatus.ACTIVE);
            }
            case ServerAction.RevertResize revert -> {
                requireStatus(server, action, ServerStatus.VERIFY_RESIZE);
                yield new Server(server.id(), server.name(), ServerStatus.ACTIVE, server.addresses(),
                        flavorBeforeResize.remove(id.value()), server.image(), server.projectId(),
                        server.createdAt(), server.preemptible(), server.metadata(), server.location());
            }
            case ServerAction.Rebuild rebuild -> {
                requireStatus(server, action, ServerStatus.ACTIVE, ServerStatus.SHUTOFF, ServerStatus.ERROR);
                Image image = images.stream().filter(i -> i.id().equals(rebuild.imageId())).findFirst()
                        .orElseThrow(() -> InvalidRequestException.of("image", "Invalid imageRef provided."));
                yield new Server(server.id(), server.name(), status == ServerStatus.SHUTOFF ? status
                        : ServerStatus.ACTIVE, server.addresses(), server.flavor(),
                        new ResourceRef(image.id(), image.name()), server.projectId(), server.createdAt(),
                        server.preemptible(), server.metadata(), server.location());
            }
        };
        servers.put(id.value(), changed);
    }

    @Override
    public synchronized String consoleLog(Session session, ServerId id, Integer lines) {
        enter("consoleLog");
        Server server = servers.get(id.value());
        if (server == null || !visible(session, server)) {
            throw new NotFoundException("server", id.value());
        }
        // What Nova's fake virt driver answers.
        List<String> log = List.of("FAKE CONSOLE OUTPUT", "ANOTHER", "LAST LINE");
        return String.join("\n", lines == null || lines >= log.size() ? log
                : log.subList(log.size() - lines, log.size()));
    }

    private static Server requireStatus(Server server, ServerAction action, ServerStatus... allowed) {
        if (!List.of(allowed).contains(server.status())) {
            throw new ConflictException("Cannot '" + action.name() + "' instance " + server.id().value()
                    + " while it is in status " + server.status());
        }
        return server;
    }

    private static Server withStatus(Server s, ServerStatus status) {
        return new Server(s.id(), s.name(), status, s.addresses(), s.flavor(), s.image(), s.projectId(),
                s.createdAt(), s.preemptible(), s.metadata(), s.location());
    }

    /** Records a finished lifetime directly, e.g. a server that ran while the service was down. */
    public synchronized void putLifetime(ServerUsage usage) {
        lifetimes.put(usage.serverId(), usage);
    }

    private void enter(String method) {
        calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
        Supplier<? extends RuntimeException> failure = nextFailure;
        if (failure != null) {
            nextFailure = null;
            throw failure.get();
        }
    }

    private static int indexOf(List<Server> servers, String id) {
        for (int i = 0; i < servers.size(); i++) {
            if (servers.get(i).id().value().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** How long tokens the fake issues through {@link TestData} live. */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
}
