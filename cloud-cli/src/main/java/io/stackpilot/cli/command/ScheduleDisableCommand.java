package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackpilot.cli.http.JsonTrees;
import io.stackpilot.cli.output.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stackpilot schedule disable NAME}: PATCH enabled=false; the engine converges (also in an open window). */
@Command(name = "disable", description = "Disable a schedule: its servers are removed, also during an open window.")
public final class ScheduleDisableCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "NAME", description = "The schedule's name or ID.")
    String name;

    @Override
    public Integer call() {
        ObjectNode body = JsonTrees.object();
        body.put("enabled", false);
        output.print(out(), ScheduleViews.details(api().patch(ScheduleViews.path(name), body).body()));
        return 0;
    }
}
