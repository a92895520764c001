package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.output.Listing;
import io.stackpilot.cli.output.OutputOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stackpilot managed-server events NAME}: what the engine and the owner did, and why, newest first. */
@Command(name = "events", description = "Show what happened to a managed server, newest first.")
public final class ManagedServerEventsCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "NAME", description = "The managed server's name.")
    String name;

    @Override
    public Integer call() {
        JsonNode events = api().get(ManagedServerViews.path(name) + "/events", Map.of()).path("events");
        Listing listing = Listing.of("At", "Reason", "Message", "Actor");
        for (JsonNode event : events) {
            listing = listing.withRow(JsonFields.text(event, "at"), JsonFields.text(event, "reason"),
                    JsonFields.text(event, "message"), JsonFields.text(event, "actor"));
        }
        output.print(out(), listing);
        return 0;
    }
}
