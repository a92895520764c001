package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.output.Listing;
import io.stackpilot.cli.output.OutputOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stackpilot operation list [--target NAME|ID] [--state STATE] [--by-location]}: newest first, each with its
 * location; {@code --by-location} shows the queue per location instead.
 */
@Command(name = "list", description = "List operations, newest first (or, with --by-location, the queue per "
        + "location).")
public final class OperationListCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Option(names = "--target", paramLabel = "NAME", description = "Only operations of this managed server (name "
            + "or ID).")
    String target;

    @Option(names = "--state", paramLabel = "STATE", description = "queued, running, succeeded, failed or cancelled.")
    String state;

    @Option(names = "--by-location", description = "Show the queue per location: queued, running, paused until "
            + "(after the cloud answered 429 or 503), failed in the last hour.")
    boolean byLocation;

    @Override
    public Integer call() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("target", target);
        query.put("state", state);
        JsonNode answer = api().get("/api/v1/operations", query);
        output.print(out(), byLocation ? queues(answer) : operations(answer));
        return 0;
    }

    private static Listing operations(JsonNode answer) {
        Listing listing = Listing.of("ID", "Kind", "State", "Target", "Location", "Attempts", "Reason", "Error",
                "Created At");
        for (JsonNode operation : answer.path("operations")) {
            listing = listing.withRow(JsonFields.text(operation, "id"), JsonFields.text(operation, "kind"),
                    JsonFields.text(operation, "state"), JsonFields.text(operation, "target"),
                    JsonFields.text(operation, "location"),
                    JsonFields.number(operation, "attempts"), JsonFields.text(operation, "reason"),
                    JsonFields.text(operation, "error"), JsonFields.text(operation, "created_at"));
        }
        return listing;
    }

    private static Listing queues(JsonNode answer) {
        Listing listing = Listing.of("Location", "Queued", "Running", "Paused Until", "Pause Reason",
                "Failed Last Hour");
        for (JsonNode queue : answer.path("locations")) {
            listing = listing.withRow(JsonFields.text(queue, "location"), JsonFields.number(queue, "queued"),
                    JsonFields.number(queue, "running"), JsonFields.text(queue, "paused_until"),
                    JsonFields.text(queue, "pause_reason"), JsonFields.number(queue, "failed_last_hour"));
        }
        return listing;
    }
}
