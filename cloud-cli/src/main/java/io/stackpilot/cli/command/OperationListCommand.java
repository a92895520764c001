package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.output.Listing;
import io.stackpilot.cli.output.OutputOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stackpilot operation list [--target NAME|ID] [--state STATE]}: newest first. */
@Command(name = "list", description = "List operations, newest first.")
public final class OperationListCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Option(names = "--target", paramLabel = "NAME", description = "Only operations of this managed server (name "
            + "or ID).")
    String target;

    @Option(names = "--state", paramLabel = "STATE", description = "queued, running, succeeded, failed or cancelled.")
    String state;

    @Override
    public Integer call() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("target", target);
        query.put("state", state);
        Listing listing = Listing.of("ID", "Kind", "State", "Target", "Attempts", "Reason", "Error", "Created At");
        for (JsonNode operation : api().get("/api/v1/operations", query).path("operations")) {
            listing = listing.withRow(JsonFields.text(operation, "id"), JsonFields.text(operation, "kind"),
                    JsonFields.text(operation, "state"), JsonFields.text(operation, "target"),
                    JsonFields.number(operation, "attempts"), JsonFields.text(operation, "reason"),
                    JsonFields.text(operation, "error"), JsonFields.text(operation, "created_at"));
        }
        output.print(out(), listing);
        return 0;
    }
}
