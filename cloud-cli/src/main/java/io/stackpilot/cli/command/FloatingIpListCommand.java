package io.stackpilot.cli.command;

import io.stackpilot.cli.output.OutputOptions;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stackpilot floating-ip list}: {@code GET /api/v1/floating-ips}. */
@Command(name = "list", description = "List the project's floating IPs.")
public final class FloatingIpListCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        output.print(out(), ReachViews.floatingIps(api().get("/api/v1/floating-ips", Map.of())));
        return 0;
    }
}
