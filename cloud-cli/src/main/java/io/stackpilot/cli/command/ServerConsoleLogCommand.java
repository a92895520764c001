package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.http.ApiClient;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stackpilot server console-log SERVER [--lines N]}: prints the console log as it is, no table. */
@Command(name = "console-log", description = "Print a server's console log (its last lines with --lines).")
public final class ServerConsoleLogCommand extends BaseCommand {

    @Parameters(paramLabel = "SERVER", description = "Server ID or name.")
    String server;

    @Option(names = "--lines", paramLabel = "N", description = "Only the last N lines (1 to 10000; default: all).")
    Integer lines;

    @Override
    public Integer call() {
        ApiClient api = api();
        String id = JsonFields.text(new Resolver(api).server(server), "id");
        JsonNode log = api.get("/api/v1/servers/" + ApiClient.segment(id) + "/console-log",
                lines == null ? Map.of() : Map.of("lines", lines));
        String output = JsonFields.text(log, "output");
        out().print(output == null ? "" : output);
        if (output != null && !output.isEmpty() && !output.endsWith("\n")) {
            out().println();
        }
        out().flush();
        return 0;
    }
}
