package io.stackpilot.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.stackpilot.core.compute.ServerAction;
import io.stackpilot.core.compute.ServerControlService;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Day-two actions on the caller's servers ({@code POST /api/v1/servers/{id}/actions}, 202) and the console log
 * ({@code GET /api/v1/servers/{id}/console-log?lines=N}). A body names one action; an argument of another action
 * ({@code flavor} with {@code stop}) is a problem, and every problem of the body is reported at once.
 */
public final class ServerActionRoutes implements RouteGroup {
    private static final Set<String> FIELDS = Set.of("action", "hard", "flavor", "image");
    private static final List<String> ACTIONS = List.of("start", "stop", "reboot", "resize", "confirm_resize",
            "revert_resize", "rebuild");
    /** The argument fields and the one action each belongs to. */
    private static final Map<String, String> ARGUMENT_OF = Map.of("hard", "reboot", "flavor", "resize",
            "image", "rebuild");

    private final ServerControlService control;
    private final ObjectMapper mapper;

    public ServerActionRoutes(ServerControlService control, ObjectMapper mapper) {
        this.control = control;
        this.mapper = mapper;
    }

    /** The answer to an accepted action: {@code already_done} when the server was already where it leads. */
    record Accepted(@JsonProperty("server_id") String serverId, String action,
                    @JsonProperty("status_before") String statusBefore, @JsonProperty("goal") String goal,
                    @JsonProperty("already_done") boolean alreadyDone) {
    }

    record ConsoleLog(@JsonProperty("server_id") String serverId, Integer lines, String output) {
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated(HandlerType.POST, "/api/v1/servers/{id}/actions", this::act),
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/servers/{id}/console-log", this::consoleLog));
    }

    private void act(Context ctx) {
        ServerId id = ServerPathId.of(ctx);
        JsonBody body = JsonBody.read(ctx, mapper, FIELDS);
        String name = body.text("action");
        Boolean hard = body.optionalBool("hard");
        String flavor = body.text("flavor");
        String image = body.text("image");
        List<FieldProblem> problems = new ArrayList<>();
        if (name == null) {
            body.require("action", null);
        } else if (!ACTIONS.contains(name)) {
            problems.add(new FieldProblem("action", "must be one of " + String.join(", ", ACTIONS)));
        }
        ARGUMENT_OF.forEach((field, owner) -> {
            boolean reported = body.problems().stream().anyMatch(problem -> problem.field().equals(field));
            if (body.node(field) != null && !body.node(field).isNull() && name != null && ACTIONS.contains(name)
                    && !owner.equals(name) && !reported) {
                problems.add(new FieldProblem(field, "is only for the " + owner + " action"));
            }
        });
        problems.forEach(problem -> body.problem(problem.field(), problem.message()));
        ServerAction action = body.validated(() -> name == null || !ACTIONS.contains(name) ? null
                : switch (name) {
                    case "start" -> new ServerAction.Start();
                    case "stop" -> new ServerAction.Stop();
                    case "reboot" -> new ServerAction.Reboot(Boolean.TRUE.equals(hard));
                    case "resize" -> new ServerAction.Resize(flavor);
                    case "confirm_resize" -> new ServerAction.ConfirmResize();
                    case "revert_resize" -> new ServerAction.RevertResize();
                    case "rebuild" -> new ServerAction.Rebuild(image);
                    default -> throw InvalidRequestException.of("action", "is not known");
                });
        ServerControlService.Outcome outcome = control.act(RequestState.session(ctx), id, action);
        ctx.header("Location", "/api/v1/servers/" + id.value());
        ctx.status(202).json(new Accepted(id.value(), outcome.action().name(), outcome.statusBefore().name(),
                outcome.action().goal().name(), !outcome.sent()));
    }

    private void consoleLog(Context ctx) {
        ServerId id = ServerPathId.of(ctx);
        QueryParams params = new QueryParams(ctx);
        Integer lines = params.integer("lines", 1, ServerControlService.MAX_CONSOLE_LINES);
        params.check();
        ctx.json(new ConsoleLog(id.value(), lines, control.consoleLog(RequestState.session(ctx), id, lines)));
    }
}
