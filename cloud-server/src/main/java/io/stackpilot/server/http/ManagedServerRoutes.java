package io.stackpilot.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.managed.ApplyRequest;
import io.stackpilot.core.managed.ApplyResult;
import io.stackpilot.core.managed.ImportRequest;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.ManagedServerService;
import io.stackpilot.core.managed.ServerImporter;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.location.LocationFanOut;
import io.stackpilot.core.location.LocationService;
import io.stackpilot.core.location.ProviderLocation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Managed servers of the caller's project: declare (PUT: 201 when created, else 200), read, list (paged by name),
 * events (newest first), delete (202: the engine deletes the VM, then the record) and import of existing VMs (201).
 */
public final class ManagedServerRoutes implements RouteGroup {
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;
    private static final Set<String> APPLY_FIELDS = Set.of("flavor", "image", "networks", "preemptible", "managed",
            "reconcile", "update_policy", "placement");
    private static final Set<String> IMPORT_FIELDS = Set.of("server_id", "name", "filter", "managed");
    private static final int SHOWN = 64;

    private final ManagedServerService service;
    private final ServerImporter importer;
    private final ObjectMapper mapper;
    private final LocationFanOut locations;
    private final LocationService statuses;

    /** {@code locations} resolves {@code ?location=}; {@code statuses} names the locations that are unavailable. */
    public ManagedServerRoutes(ManagedServerService service, ServerImporter importer, ObjectMapper mapper,
                               LocationFanOut locations, LocationService statuses) {
        this.service = service;
        this.importer = importer;
        this.mapper = mapper;
        this.locations = locations;
        this.statuses = statuses;
    }

    @Override
    public List<ApiRoute> routes() {
        String one = "/api/v1/managed-servers/{name}";
        return List.of(
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/managed-servers", this::list),
                ApiRoute.authenticated(HandlerType.POST, "/api/v1/managed-servers/imports", this::importServers),
                ApiRoute.authenticated(HandlerType.PUT, one, this::apply),
                ApiRoute.authenticated(HandlerType.GET, one, ctx -> ctx.json(ManagedServerJson.of(
                        service.get(RequestState.session(ctx), existingName(ctx))))),
                ApiRoute.authenticated(HandlerType.DELETE, one, ctx -> ctx.status(202).json(ManagedServerJson.of(
                        service.delete(RequestState.session(ctx), existingName(ctx))))),
                ApiRoute.authenticated(HandlerType.GET, one + "/events", this::events));
    }

    private void apply(Context ctx) {
        JsonBody body = JsonBody.read(ctx, mapper, APPLY_FIELDS);
        String placement = placement(body);
        ApplyRequest request = new ApplyRequest(body.text("flavor"), body.text("image"), body.texts("networks"),
                body.optionalBool("preemptible"), body.optionalBool("managed"), body.optionalBool("reconcile"),
                body.text("update_policy"), placement);
        Session session = RequestState.session(ctx);
        String name = ctx.pathParam("name");
        if (!body.problems().isEmpty()) {
            // Nothing may be stored, but the caller hears of every problem at once: the resolver's too.
            List<FieldProblem> problems = new ArrayList<>(body.problems());
            try {
                service.check(session, name, request);
            } catch (InvalidRequestException invalid) {
                // Not a second problem for a field whose JSON type was already wrong.
                invalid.problems().stream()
                        .filter(p -> body.problems().stream().noneMatch(b -> b.field().equals(p.field())))
                        .forEach(problems::add);
            }
            throw new InvalidRequestException(problems);
        }
        ApplyResult result = service.apply(session, name, request);
        ctx.status(result.outcome() == ApplyResult.Outcome.CREATED ? 201 : 200)
                .json(ManagedServerJson.of(result.server()));
    }

    private void list(Context ctx) {
        QueryParams params = new QueryParams(ctx);
        Integer given = params.integer("limit", 1, MAX_LIMIT);
        String marker = params.text("marker");
        String location = params.text("location");
        params.check();
        int limit = given == null ? DEFAULT_LIMIT : given;
        if (location != null) {
            listIn(ctx, location, limit, marker);
            return;
        }
        Page<ManagedServer> page = service.list(RequestState.session(ctx), limit, marker);
        page.next().ifPresent(next -> ctx.header("Link", "<" + ctx.path() + "?limit=" + limit + "&marker="
                + next + ">; rel=\"next\""));
        ctx.json(new ManagedServerJson.Page(page.items().stream().map(ManagedServerJson::of).toList(),
                page.nextMarker()));
    }

    /**
     * {@code ?location=all|cloud/region}: the records are ours (one store for every location), so nothing fails; the
     * page (by name, as without {@code location}) keeps the servers of the chosen locations and, with {@code all},
     * those not placed yet. {@code unavailable} names the chosen locations that are unavailable now (their rows show
     * the last status observed there).
     */
    private void listIn(Context ctx, String selector, int limit, String marker) {
        List<ProviderLocation> where = locations.select(selector);
        Set<Location> chosen = where.stream().map(ProviderLocation::location).collect(Collectors.toSet());
        boolean all = LocationFanOut.ALL.equals(selector);
        Page<ManagedServer> page = service.list(RequestState.session(ctx), limit, marker);
        List<ManagedServerJson> rows = page.items().stream()
                .filter(server -> server.status().location() == null ? all
                        : chosen.contains(server.status().location()))
                .map(ManagedServerJson::of).toList();
        List<ServerJson.UnavailableJson> unavailable = statuses.list().stream()
                .filter(status -> !status.available() && chosen.contains(status.location().location()))
                .map(status -> new ServerJson.UnavailableJson(status.location().name(),
                        status.unavailableReason().orElseThrow()))
                .toList();
        page.next().ifPresent(next -> ctx.header("Link", "<" + ctx.path() + "?location=" + encode(selector)
                + "&limit=" + limit + "&marker=" + next + ">; rel=\"next\""));
        ctx.json(new ManagedServerJson.AcrossPage(rows, unavailable, page.nextMarker()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void events(Context ctx) {
        QueryParams params = new QueryParams(ctx);
        Integer given = params.integer("limit", 1, MAX_LIMIT);
        params.check();
        ctx.json(new ManagedServerJson.Events(service.events(RequestState.session(ctx), existingName(ctx),
                given == null ? DEFAULT_LIMIT : given).stream().map(ManagedServerJson.EventJson::of).toList()));
    }

    private void importServers(Context ctx) {
        JsonBody body = JsonBody.read(ctx, mapper, IMPORT_FIELDS);
        String serverId = body.text("server_id");
        String name = body.text("name");
        Boolean managed = body.optionalBool("managed");
        String nameRegex = body.objectText("filter", "name");
        ImportRequest request = new ImportRequest(serverId, name, nameRegex, managed);
        if (!body.problems().isEmpty()) {
            // Before the importer runs: it would import what the selector names, whatever else is wrong.
            throw new InvalidRequestException(body.problems());
        }
        List<ManagedServer> imported = importer.importServers(RequestState.session(ctx), request);
        ctx.status(201).json(new ManagedServerJson.Imported(imported.stream().map(ManagedServerJson::of).toList()));
    }

    /** The placement object as JSON text (null when absent); another JSON type is a problem of the body. */
    private static String placement(JsonBody body) {
        JsonNode node = body.node("placement");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            body.problem("placement", "must be a JSON object");
            return null;
        }
        return node.toString();
    }

    /**
     * The {@code {name}} of a route that reads or deletes: a name that is not a DNS label cannot exist, so it is
     * "not found" like a missing one (shown cut short, never a whole long path).
     */
    private static String existingName(Context ctx) {
        String name = ctx.pathParam("name");
        if (!ManagedServer.NAME.matcher(name).matches()) {
            throw new NotFoundException(ManagedServerService.KIND,
                    name.length() <= SHOWN ? name : name.substring(0, SHOWN) + "...");
        }
        return name;
    }
}
