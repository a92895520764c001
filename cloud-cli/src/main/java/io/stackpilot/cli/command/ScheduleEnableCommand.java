package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackpilot.cli.http.JsonTrees;
import io.stackpilot.cli.output.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stackpilot schedule enable NAME}: PATCH enabled=true; the engine converges (also in an open window). */
@Command(name = "enable", description = "Enable a schedule: its servers are made while its window is open.")
public final class ScheduleEnableCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "NAME", description = "The schedule's name or ID.")
    String name;

    @Override
    public Integer call() {
        ObjectNode body = JsonTrees.object();
        body.put("enabled", true);
        output.print(out(), ScheduleViews.details(api().patch(ScheduleViews.path(name), body).body()));
        return 0;
    }
}
