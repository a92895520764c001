package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.CliException;
import io.stackpilot.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code stackpilot server delete ID|NAME...}: deletes each server (a failure is reported and the others still
 * go); with {@code --wait} waits until each one answers 404. The exit code is that of the last failure, else 0.
 */
@Command(name = "delete", description = "Delete servers.")
public final class ServerDeleteCommand extends BaseCommand {

    @Parameters(arity = "1..*", paramLabel = "SERVER", description = "Server IDs or names.")
    List<String> servers;

    @Mixin
    ServerCreateCommand.WaitOptions wait;

    @Override
    public Integer call() {
        ApiClient api = api();
        Resolver resolver = new Resolver(api);
        int exitCode = 0;
        int failures = 0;
        for (String server : servers) {
            try {
                JsonNode found = resolver.server(server);
                String id = JsonFields.text(found, "id");
                api.delete("/api/v1/servers/" + ApiClient.segment(id));
                if (wait.enabled()) {
                    new ServerWaiter(api, err(), wait.pollInterval(), wait.timeout())
                            .untilGone(id, JsonFields.text(found, "name"));
                }
            } catch (CliException e) {
                if (servers.size() == 1) {
                    throw e;
                }
                err().println(server + ": " + e.getMessage());
                exitCode = e.exitCode();
                failures++;
            }
        }
        if (failures > 0) {
            err().println(failures + " of " + servers.size() + " servers failed to delete");
            err().flush();
        }
        return exitCode;
    }
}
