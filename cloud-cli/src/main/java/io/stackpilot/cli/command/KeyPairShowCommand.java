package io.stackpilot.cli.command;

import io.stackpilot.cli.http.ApiClient;
import io.stackpilot.cli.output.OutputOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stackpilot keypair show NAME}: {@code GET /api/v1/key-pairs/{name}}. */
@Command(name = "show", description = "Show one of your key pairs.")
public final class KeyPairShowCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "NAME", description = "Key pair name.")
    String name;

    @Override
    public Integer call() {
        output.print(out(), ReachViews.keyPair(api().get("/api/v1/key-pairs/" + ApiClient.segment(name), Map.of())));
        return 0;
    }
}
