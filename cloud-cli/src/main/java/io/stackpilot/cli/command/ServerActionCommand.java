package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackpilot.cli.http.ApiClient;
import io.stackpilot.cli.http.JsonTrees;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * What the server action commands share: the server (id or name), one {@code POST /api/v1/servers/{id}/actions},
 * a line saying what was accepted (or that the server was already there), and with {@code --wait} the status
 * changes until the server reaches the action's goal (the API's answer names it).
 */
abstract class ServerActionCommand extends BaseCommand {

    @Parameters(paramLabel = "SERVER", description = "Server ID or name.")
    String server;

    @Mixin
    ServerCreateCommand.WaitOptions wait;

    /** The action's name and arguments. */
    abstract void describe(ObjectNode body);

    @Override
    public Integer call() {
        ApiClient api = api();
        JsonNode found = new Resolver(api).server(server);
        String id = JsonFields.text(found, "id");
        String name = JsonFields.text(found, "name");
        ObjectNode body = JsonTrees.object();
        describe(body);
        JsonNode accepted = api.post("/api/v1/servers/" + ApiClient.segment(id) + "/actions", body, Map.of()).body();
        String goal = JsonFields.text(accepted, "goal");
        if (accepted.path("already_done").asBoolean(false)) {
            out().println(name + ": already " + goal + ", nothing to do");
        } else {
            out().println(name + ": " + JsonFields.text(accepted, "action") + " accepted (was "
                    + JsonFields.text(accepted, "status_before") + ")");
        }
        out().flush();
        if (wait.enabled()) {
            new ServerWaiter(api, err(), wait.pollInterval(), wait.timeout()).untilStatus(id, name, goal);
        }
        return 0;
    }
}
