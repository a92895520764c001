package io.stackpilot.cli.command;

import io.stackpilot.cli.config.CliConfig;
import io.stackpilot.cli.config.ContextEntry;
import io.stackpilot.cli.output.Listing;
import io.stackpilot.cli.output.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Map;

/** {@code stackpilot context list}: the saved contexts, the current one marked with {@code *}. */
@Command(name = "list", description = "List the saved contexts.")
public final class ContextListCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        CliConfig config = root().configStore().load();
        Listing listing = Listing.of("Current", "Name", "URL", "User", "Project", "Logged In", "Expires At");
        for (Map.Entry<String, ContextEntry> entry : config.contexts().entrySet()) {
            ContextEntry context = entry.getValue();
            listing = listing.withRow(entry.getKey().equals(config.currentContext()) ? "*" : "", entry.getKey(),
                    context.url(), context.userName(), context.projectName(), context.isLoggedIn(now()),
                    context.expiresAt() == null ? null : context.expiresAt().toString());
        }
        output.print(out(), listing);
        return 0;
    }
}
