package io.stackpilot.openstack.nova;

import io.stackpilot.core.compute.ServerAction;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.openstack.http.ApiCall;
import io.stackpilot.openstack.http.OpenStackHttp;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Nova's {@code POST /servers/{id}/action} bodies for the core's server actions and the console log, one request
 * each, never retried (a resize sent twice is refused the second time). Nova answers 202 (204 for confirmResize);
 * a state that does not allow the action is its 409 {@code conflictingRequest}, which becomes a ConflictException.
 * Its 400s name {@code flavorRef} or {@code imageRef}; they are reported on the action's fields {@code flavor} and
 * {@code image}. Stateless and thread-safe.
 */
final class NovaServerActions {
    private final OpenStackHttp http;

    NovaServerActions(OpenStackHttp http) {
        this.http = http;
    }

    /** {@code actionUrl} is {@code .../servers/{id}/action} of a checked id. */
    void act(Session session, HttpUrl actionUrl, ServerId id, ServerAction action) {
        try {
            http.send(call(session, actionUrl, id, body(action)));
        } catch (InvalidRequestException refused) {
            throw new InvalidRequestException(refused.problems().stream()
                    .map(problem -> new FieldProblem(actionField(problem.field()), problem.message())).toList(),
                    refused.upstreamRequestId().orElse(null));
        }
    }

    String consoleLog(Session session, HttpUrl actionUrl, ServerId id, Integer lines) {
        Map<String, Object> length = lines == null ? Map.of() : Map.of("length", lines);
        NovaJson.ConsoleOutput answer = http.sendForJson(call(session, actionUrl, id,
                Map.of("os-getConsoleOutput", length)), NovaJson.ConsoleOutput.class);
        return answer.output() == null ? "" : answer.output();
    }

    /** The JSON body Nova's action API takes for the action. */
    static Map<String, Object> body(ServerAction action) {
        return switch (action) {
            case ServerAction.Start start -> nullValued("os-start");
            case ServerAction.Stop stop -> nullValued("os-stop");
            case ServerAction.Reboot reboot -> Map.of("reboot", Map.of("type", reboot.hard() ? "HARD" : "SOFT"));
            case ServerAction.Resize resize -> Map.of("resize", Map.of("flavorRef", resize.flavorId()));
            case ServerAction.ConfirmResize confirm -> nullValued("confirmResize");
            case ServerAction.RevertResize revert -> nullValued("revertResize");
            case ServerAction.Rebuild rebuild -> Map.of("rebuild", Map.of("imageRef", rebuild.imageId()));
        };
    }

    private static Map<String, Object> nullValued(String name) {
        return Collections.singletonMap(name, null);
    }

    private ApiCall call(Session session, HttpUrl actionUrl, ServerId id, Object body) {
        return ApiCall.post(NovaComputeGateway.SERVICE, actionUrl, session, body).withHeaders(Microversion.HEADERS)
                .about("server", id.value());
    }

    private static String actionField(String bootField) {
        return switch (bootField) {
            case "flavor_id" -> "flavor";
            case "image_id" -> "image";
            default -> List.of("flavor", "image").contains(bootField) ? bootField : "action";
        };
    }
}
