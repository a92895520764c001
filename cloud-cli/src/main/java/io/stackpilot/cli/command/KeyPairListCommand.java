package io.stackpilot.cli.command;

import io.stackpilot.cli.output.OutputOptions;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stackpilot keypair list}: {@code GET /api/v1/key-pairs}. */
@Command(name = "list", description = "List your key pairs.")
public final class KeyPairListCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        output.print(out(), ReachViews.keyPairs(api().get("/api/v1/key-pairs", Map.of())));
        return 0;
    }
}
