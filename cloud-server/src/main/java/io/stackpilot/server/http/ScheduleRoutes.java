package io.stackpilot.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.schedule.SchedulePatch;
import io.stackpilot.core.schedule.ScheduleRequest;
import io.stackpilot.core.schedule.ScheduleService;
import io.stackpilot.core.schedule.ScheduleView;
import io.stackpilot.core.schedule.WindowRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Peak-hour schedules of the caller's project (issue 18): create (201), list, read, change (PATCH: enabled, count,
 * window), delete (202: the engine removes its servers, then the schedule) and the windows served ({@code runs}).
 * {@code {id}} is the schedule's id or its name.
 */
public final class ScheduleRoutes implements RouteGroup {
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;
    private static final Set<String> CREATE_FIELDS = Set.of("name", "flavor", "image", "networks", "count",
            "preemptible", "placement", "window");
    private static final Set<String> PATCH_FIELDS = Set.of("enabled", "count", "window");
    private static final Set<String> WINDOW_FIELDS = Set.of("days", "start", "end", "time_zone", "from", "until");

    private final ScheduleService service;
    private final ObjectMapper mapper;

    public ScheduleRoutes(ScheduleService service, ObjectMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Override
    public List<ApiRoute> routes() {
        String one = "/api/v1/schedules/{id}";
        return List.of(
                ApiRoute.authenticated(HandlerType.POST, "/api/v1/schedules", this::create),
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/schedules", ctx -> ctx.json(new ScheduleJson.Schedules(
                        service.list(RequestState.session(ctx)).stream().map(ScheduleJson::of).toList()))),
                ApiRoute.authenticated(HandlerType.GET, one, ctx -> ctx.json(ScheduleJson.of(
                        service.get(RequestState.session(ctx), ctx.pathParam("id"))))),
                ApiRoute.authenticated(HandlerType.PATCH, one, this::update),
                ApiRoute.authenticated(HandlerType.DELETE, one, ctx -> ctx.status(202).json(ScheduleJson.of(
                        service.delete(RequestState.session(ctx), ctx.pathParam("id"))))),
                ApiRoute.authenticated(HandlerType.GET, one + "/runs", this::runs));
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.read(ctx, mapper, CREATE_FIELDS);
        ScheduleRequest request = new ScheduleRequest(body.text("name"), body.text("flavor"), body.text("image"),
                body.texts("networks"), integer(body, "count"), body.optionalBool("preemptible"), placement(body),
                window(body));
        Session session = RequestState.session(ctx);
        if (!body.problems().isEmpty()) {
            service.check(session, request, body.problems());
        }
        ScheduleView created = service.create(session, request);
        ctx.status(201).header("Location", "/api/v1/schedules/" + created.schedule().id())
                .json(ScheduleJson.of(created));
    }

    private void update(Context ctx) {
        JsonBody body = JsonBody.read(ctx, mapper, PATCH_FIELDS);
        SchedulePatch patch = new SchedulePatch(body.optionalBool("enabled"), integer(body, "count"), window(body));
        ctx.json(ScheduleJson.of(service.update(RequestState.session(ctx), ctx.pathParam("id"), patch,
                body.problems())));
    }

    private void runs(Context ctx) {
        QueryParams params = new QueryParams(ctx);
        Integer given = params.integer("limit", 1, MAX_LIMIT);
        params.check();
        ctx.json(new ScheduleJson.Runs(service.runs(RequestState.session(ctx), ctx.pathParam("id"),
                given == null ? DEFAULT_LIMIT : given).stream().map(ScheduleJson.RunJson::of).toList()));
    }

    private static Integer integer(JsonBody body, String field) {
        JsonNode node = body.node(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            body.problem(field, "must be an integer");
            return null;
        }
        return node.intValue();
    }

    /** The window object as the core reads it (null when absent); wrong types and unknown fields noted. */
    private static WindowRequest window(JsonBody body) {
        JsonNode node = body.node("window");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            body.problem("window", "must be a JSON object");
            return null;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!WINDOW_FIELDS.contains(name)) {
                body.problem("window." + name, "is not a known field");
            }
        }
        List<String> days = null;
        JsonNode daysNode = node.get("days");
        if (daysNode != null && !daysNode.isNull()) {
            days = new ArrayList<>();
            if (!daysNode.isArray()) {
                body.problem("window.days", "must be an array of strings (mon .. sun)");
            } else {
                for (JsonNode day : daysNode) {
                    days.add(day.isTextual() ? day.asText() : day.toString());
                }
            }
        }
        return new WindowRequest(days, text(body, node, "start"), text(body, node, "end"),
                text(body, node, "time_zone"), text(body, node, "from"), text(body, node, "until"));
    }

    private static String text(JsonBody body, JsonNode window, String field) {
        JsonNode value = window.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            body.problem("window." + field, "must be a string");
            return null;
        }
        return value.asText();
    }

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
}
