package io.stackpilot.server;

import io.stackpilot.core.idempotency.IdempotencyPurge;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.core.audit.AuditReader;
import com.github.benmanes.caffeine.cache.Ticker;
import io.stackpilot.core.catalog.CatalogCache;
import io.stackpilot.core.catalog.CatalogService;
import io.stackpilot.core.compute.ServerService;
import io.stackpilot.core.flavor.FlavorInitializer;
import io.stackpilot.core.idempotency.IdempotentLauncher;
import io.stackpilot.core.identity.AccessPolicy;
import io.stackpilot.core.identity.IssuedToken;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.identity.TokenAuthenticator;
import io.stackpilot.core.lease.LeaseRepository;
import io.stackpilot.core.stats.AllowedProjects;
import io.stackpilot.core.stats.StatsBuckets;
import io.stackpilot.core.stats.StatsLocations;
import io.stackpilot.core.location.ProviderLocation;
import io.stackpilot.core.stats.StatsQuery;
import io.stackpilot.core.stats.StatsReader;
import io.stackpilot.server.auth.CallerAuthenticator;
import io.stackpilot.server.cache.CaffeineCatalogCache;
import io.stackpilot.server.config.DaemonConfig;
import io.stackpilot.server.http.ApiJsonMapper;
import io.stackpilot.server.http.AuditRoutes;
import io.stackpilot.server.http.LoginRateLimiter;
import io.stackpilot.server.http.AuthRoutes;
import io.stackpilot.server.jobs.IdempotencyPurgeJob;
import io.stackpilot.server.http.CatalogRoutes;
import io.stackpilot.server.http.OpsRoutes;
import io.stackpilot.server.http.RouteGroup;
import io.stackpilot.server.http.ServerRoutes;
import io.stackpilot.server.http.StatsRoutes;
import io.stackpilot.server.jobs.StatsJob;
import io.stackpilot.server.openapi.DocsRoutes;
import io.stackpilot.core.managed.EngineLauncher;
import io.stackpilot.core.managed.EngineLocations;
import io.stackpilot.core.managed.ManagedServerService;
import io.stackpilot.kubernetes.ControllerSettings;
import io.stackpilot.kubernetes.KubernetesController;
import io.stackpilot.server.config.KubernetesSettings;
import io.stackpilot.core.managed.OperationExecutor;
import io.stackpilot.core.managed.ReconcileSettings;
import io.stackpilot.core.managed.Reconciler;
import io.stackpilot.core.managed.ServerImporter;
import io.stackpilot.core.operation.Backoff;
import io.stackpilot.core.operation.OperationService;
import io.stackpilot.server.audit.EngineAuditLog;
import io.stackpilot.server.http.ManagedServerRoutes;
import io.stackpilot.server.http.OperationRoutes;
import io.stackpilot.server.jobs.EngineLoop;
import io.stackpilot.core.compute.ServerControlService;
import io.stackpilot.server.http.ServerActionRoutes;
import io.stackpilot.core.compute.KeyPairService;
import io.stackpilot.core.compute.OwnedBootReferences;
import io.stackpilot.core.reach.FloatingIpAssignment;
import io.stackpilot.core.reach.FloatingIpAtLaunch;
import io.stackpilot.core.reach.FloatingIpService;
import io.stackpilot.core.network.SecurityGroupService;
import io.stackpilot.server.http.FloatingIpRoutes;
import io.stackpilot.server.http.KeyPairRoutes;
import io.stackpilot.server.http.SecurityGroupRoutes;
import io.stackpilot.core.schedule.ScheduleDriver;
import io.stackpilot.core.schedule.ScheduleService;
import io.stackpilot.server.http.ScheduleRoutes;
import io.stackpilot.server.console.ConsoleAssets;
import io.stackpilot.server.console.ConsoleRoutes;
import io.stackpilot.core.limits.LimitsService;
import io.stackpilot.core.location.LocationFanOut;
import io.stackpilot.core.location.LocationService;
import io.stackpilot.core.location.ProviderServers;
import io.stackpilot.core.location.OwnedServerSource;
import io.stackpilot.core.location.ServersAcrossLocations;
import io.stackpilot.server.http.LocationRoutes;
import io.stackpilot.server.http.LimitsRoutes;
import io.stackpilot.core.preemption.CapacityCandidates;
import io.stackpilot.core.preemption.EvictionReader;
import io.stackpilot.core.preemption.Evictor;
import io.stackpilot.core.preemption.PreemptionService;
import io.stackpilot.core.preemption.PreemptionSettings;
import io.stackpilot.server.audit.PreemptionAuditLog;
import io.stackpilot.server.http.PreemptionRoutes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The composition root of the daemon: from the ports it builds every use case and route group, once, and the
 * statistics job over the same allowlist, and the desired-state engine's loop over the same stores. {@code Main}, the tests' servers and the benchmark all go through it, so
 * what they serve cannot drift apart; a new feature adds its use case and route group here.
 */
public final class ApiWiring {
    /** The catalog cache's bound: lists (one per project, roles and kind), each a few kB. */
    static final int CATALOG_CACHE_ENTRIES = 10_000;
    private final DaemonPorts ports;
    private final ObjectMapper mapper = ApiJsonMapper.mapper();
    private final AccessPolicy policy;
    private final AllowedProjects allowedProjects;
    private final StatsBuckets buckets;
    private final TokenAuthenticator tokens;
    private final CallerAuthenticator callers;
    private final ManagedServerService managedServers;
    // One of each for the whole process: the API, the engine and the Kubernetes controller share their caches
    // (the catalog's lists, the locations' /limits) instead of each asking the clouds for its own.
    private final LocationService locationStatuses;
    private final LocationFanOut fanOut;
    private final CatalogService catalog;
    private final ServerService servers;
    private final PreemptionService preempting;

    public ApiWiring(DaemonPorts ports) {
        this.ports = ports;
        DaemonConfig config = ports.config();
        this.policy = config.accessPolicy();
        this.allowedProjects = AllowedProjects.of(ports.identity(), policy::allows);
        this.buckets = config.statsBuckets();
        this.tokens = new TokenAuthenticator(ports.identity(), ports.clock(), config.tokenCacheTtl(),
                ports.tuning().tokenCacheEntries());
        this.callers = new CallerAuthenticator(tokens, policy, ports.location());
        // One catalog cache for every use case, so that an invalidation or a fresh list is seen by all of them.
        this.catalog = new CatalogService(ports.compute(), ports.images(), ports.networks(), catalogCache(config));
        this.managedServers = new ManagedServerService(ports.engine().managedServers(), ports.engine().operations(),
                catalog, ports.locations(), ports.clock());
        this.locationStatuses = new LocationService(ports.locations(), ports.clock());
        this.fanOut = new LocationFanOut(ports.locations(), LocationFanOut.DEFAULT_ANSWER_WITHIN);
        this.servers = new ServerService(ports.compute(), ports.images(), ports.networks(), catalog,
                new OwnedBootReferences(new KeyPairService(ports.reach().keyPairs()),
                        new SecurityGroupService(ports.reach().securityGroups())))
                .withProviderLocations(new ProviderServers(ports.compute(), ports.locations(), ports.location()));
        this.preempting = preemptionService();
    }

    /**
     * The HTTP server over the use cases (not started yet). {@code extraRoutes} are for benchmarks and tests that
     * need an endpoint of their own; the daemon has none.
     */
    public StackpilotServer server(RouteGroup... extraRoutes) {
        return new StackpilotServer(ports, mapper, tokens, callers, server -> routeGroups(server, extraRoutes));
    }

    /** The statistics job of this replica, covering the projects the statistics route answers for. */
    public StatsJob statsJob(Supplier<Session> serviceSession, LeaseRepository leases) {
        DaemonConfig config = ports.config();
        return StatsJob.create(ports.compute(), serviceSession, allowedProjects, ports.statsSamples(), leases,
                buckets, config.statsRetention(), ports.auditLog(), config.auditRetention(), config.replicaId(),
                ports.clock(), new StatsLocations(ports.location().cloud(), ports.locations().locations().stream()
                        .map(ProviderLocation::location).filter(location -> !location.equals(ports.location()))
                        .toList(), ports.locations()::serviceSession));
    }

    /** The purge of expired idempotency keys, run by the replica that holds its lease. */
    public IdempotencyPurgeJob idempotencyPurgeJob(LeaseRepository leases) {
        return new IdempotencyPurgeJob(new IdempotencyPurge(ports.idempotencyKeys(), ports.clock()), leases,
                ports.config().replicaId(), ports.clock());
    }

    /**
     * The desired-state engine of this replica (reconciler and executor in one loop), under the replica id the audit
     * log uses and {@code STACKPILOT_RECONCILE_INTERVAL}; its actions are audited in the audit table. Its creates
     * of standard servers make room by evicting preemptible ones, as the API's do (the same PreemptionService).
     */
    public EngineLoop engineLoop() {
        DaemonConfig config = ports.config();
        EnginePorts engine = ports.engine();
        ReconcileSettings defaults = ReconcileSettings.defaults(config.replicaId());
        ReconcileSettings settings = new ReconcileSettings(config.replicaId(), config.reconcileInterval(),
                defaults.lease(), defaults.batchSize()).withLocationConcurrency(config.locationConcurrency(),
                ports.location());
        // placement: the owner's own cloud, or a provider location through its service account (issue 17)
        EngineLocations where = new EngineLocations(engine.projectSessions(), ports.locations(), locationStatuses,
                ports.location()).resolvingIn(ports.compute(), ports.images(), ports.networks());
        Reconciler reconciler = new Reconciler(engine.managedServers(), engine.operations(), ports.compute(),
                engine.projectSessions(), settings, ports.clock(), where);
        EngineLauncher launcher = preempting.forEngine();
        OperationExecutor executor = new OperationExecutor(engine.managedServers(), engine.operations(),
                ports.compute(), launcher, engine.projectSessions(), new EngineAuditLog(ports.auditLog()), settings,
                Backoff.DEFAULT, ports.clock(), new FloatingIpAssignment(ports.compute(), ports.reach().floatingIps()),
                where);
        ScheduleDriver schedules = new ScheduleDriver(engine.schedules(), engine.managedServers(), engine.operations(),
                settings, ports.clock());
        return new EngineLoop(reconciler, executor, schedules, EngineLoop.TICK);
    }

    /**
     * The Kubernetes mode's controller (not started): a driving adapter over the same use cases as the HTTP API; a
     * Server's or Schedule's cloudRef credentials are logged in as {@code POST /auth/tokens} does (allowed projects
     * checked); Flavors are created by {@code flavors} with the service account, as STACKPILOT_INIT_FLAVORS are.
     */
    public KubernetesController kubernetesController(KubernetesSettings kubernetes, String cloudAuthUrl,
                                                     FlavorInitializer flavors, Supplier<Session> serviceSession) {
        ControllerSettings defaults = ControllerSettings.defaults(ports.config().replicaId(), kubernetes.namespace(),
                cloudAuthUrl);
        ControllerSettings settings = new ControllerSettings(defaults.namespace(), defaults.leaseNamespace(),
                defaults.leaseName(), defaults.identity(), kubernetes.resync(), defaults.leaseDuration(),
                defaults.workers(), defaults.cloudAuthUrl());
        return KubernetesController.create(managedServers, new ServerImporter(ports.engine().managedServers(),
                ports.compute(), ports.networks(), ports.clock()), servers,
                new ScheduleService(ports.engine().schedules(), ports.engine().managedServers(), catalog,
                        ports.clock()), flavors, serviceSession, credentials -> {
                    IssuedToken issued = ports.identity().authenticate(credentials);
                    policy.check(issued.principal());
                    return new Session(issued.token(), issued.principal(), ports.location());
                }, ports.location(), settings, kubernetes.kubeconfig(), ports.clock());
    }

    /** {@code STACKPILOT_CATALOG_TTL} of 0 turns the catalog cache off: every catalog call then asks the cloud. */
    private static CatalogCache catalogCache(DaemonConfig config) {
        return config.cachesCatalog()
                ? new CaffeineCatalogCache(config.catalogTtl(), CATALOG_CACHE_ENTRIES, Ticker.systemTicker(),
                        Executors.newVirtualThreadPerTaskExecutor())
                : CatalogCache.none();
    }

    /**
     * Standard creates that make room by evicting preemptible servers (issue 16): evictions recorded in the engine's
     * store, audited and counted; decisions serialized by the shared lock; capacity looked for in the allowed
     * projects through the service account.
     */
    private PreemptionService preemptionService() {
        EnginePorts engine = ports.engine();
        PreemptionPorts preemption = engine.preemption();
        String replica = ports.config().replicaId();
        PreemptionSettings defaults = PreemptionSettings.defaults(replica);
        PreemptionSettings settings = new PreemptionSettings(replica, defaults.evictionWait(),
                preemption.schedulingWait(), defaults.poll());
        Evictor evictor = new Evictor(ports.compute(), engine.projectSessions(), engine.operations(),
                preemption.evictions(), new PreemptionAuditLog(ports.auditLog(), ports.metrics(), replica), settings,
                ports.clock());
        return new PreemptionService(servers, ports.compute(), catalog, evictor,
                new CapacityCandidates(ports.compute(), engine.projectSessions(), allowedProjects), preemption.lock(),
                settings);
    }

    /** Called once by the server's constructor: the readiness route needs the server's audit queue and stop flag. */
    private List<RouteGroup> routeGroups(StackpilotServer server, RouteGroup... extraRoutes) {
        KeyPairService keyPairs = new KeyPairService(ports.reach().keyPairs());
        SecurityGroupService securityGroups = new SecurityGroupService(ports.reach().securityGroups());
        List<RouteGroup> groups = new ArrayList<>(List.of(
                new AuthRoutes(ports.identity(), policy, tokens, mapper, new LoginRateLimiter(
                        ports.config().loginRateLimit(), ports.clock(), LoginRateLimiter.MAX_SOURCES)),
                new CatalogRoutes(catalog, mapper,
                        ports.config().cachesCatalog() ? CATALOG_CACHE_ENTRIES : 0),
                new ServerRoutes(servers, preempting::launch, new IdempotentLauncher(servers, preempting::launch,
                        ports.idempotencyKeys(), ports.clock(), ports.tuning().idempotencyWait(),
                        ports.tuning().idempotencyClaimLifetime()), new FloatingIpAtLaunch(ports.compute(),
                        ports.networks(), ports.reach().floatingIps(), ports.engine().operations(), ports.clock()),
                        mapper, new ServersAcrossLocations(fanOut, new OwnedServerSource(ports.compute(),
                        ports.locations()))),
                new AuditRoutes(new AuditReader(ports.auditLog())),
                new OpsRoutes(ports.databaseCheck(), ports.keystoneCheck(), server.auditWriter(),
                        server::isStopping, ports.metrics()),
                new DocsRoutes(),
                new ManagedServerRoutes(managedServers, new ServerImporter(ports.engine().managedServers(),
                        ports.compute(), ports.networks(), ports.clock()), mapper, fanOut, locationStatuses),
                new OperationRoutes(new OperationService(ports.engine().operations(), ports.clock()), managedServers),
                new ScheduleRoutes(new ScheduleService(ports.engine().schedules(), ports.engine().managedServers(),
                        catalog, ports.clock()), mapper),
                new StatsRoutes(new StatsReader(new StatsQuery(ports.statsSamples(), buckets, ports.clock()),
                        allowedProjects), fanOut, ports.location()),
                new ServerActionRoutes(new ServerControlService(ports.compute(), ports.images(),
                        ports.serverControl()), mapper)));
        groups.addAll(List.of(
                new FloatingIpRoutes(new FloatingIpService(ports.reach().floatingIps(), ports.compute(),
                        ports.networks()), mapper),
                new SecurityGroupRoutes(securityGroups, mapper),
                new KeyPairRoutes(keyPairs, mapper)));
        groups.add(new ConsoleRoutes(ConsoleAssets.load()));
        groups.add(new LimitsRoutes(new LimitsService(ports.compute(), ports.networks())));
        groups.add(new LocationRoutes(locationStatuses));
        groups.add(new PreemptionRoutes(new EvictionReader(ports.engine().preemption().evictions())));
        groups.addAll(List.of(extraRoutes));
        return groups;
    }
}
