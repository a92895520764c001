package io.stackpilot.cli;

import io.stackpilot.cli.http.JsonTrees;
import io.stackpilot.cli.output.Listing;
import io.stackpilot.cli.output.OutputFormat;
import io.stackpilot.cli.output.OutputOptions;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * What the launcher's AOT training run does after its command (with {@code -Dstackpilot.training=true}): the
 * training run is the first command a user runs, usually {@code login}, and the cache holds only the classes a
 * training run loads. So that a later {@code flavor list} or {@code server list -f json} finds its classes in the
 * cache too, this builds every command's model (picocli's reflection over all command classes), parses a listing
 * command's options, renders a listing in every output format and reads and writes a JSON document, printing
 * nothing. A failure here is ignored: the command's own result is already decided.
 */
final class Training {
    static final String PROPERTY = "stackpilot.training";
    private static final String SAMPLE = "{\"flavors\":[{\"id\":\"1\",\"name\":\"m1.tiny\",\"vcpus\":1,\"ram_mb\":512,"
            + "\"disk_gb\":1,\"ephemeral_gb\":0,\"is_public\":true}]}";

    private Training() {
    }

    static void exercise(CliEnvironment environment) {
        try {
            exerciseOrFail(environment);
        } catch (RuntimeException ignored) {
            // training only: the cache is then a little smaller
        }
    }

    /** {@link #exercise} letting a failure through (for its test). */
    static void exerciseOrFail(CliEnvironment environment) {
        Main.commandLine(environment).getUsageMessage();
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        String json = JsonTrees.write(JsonTrees.parse(SAMPLE));
        for (OutputFormat format : OutputFormat.values()) {
            String[] args = {"flavor", "list", "-f", format.name()};
            CommandLine.ParseResult parsed = Main.commandLine(environment, args).parseArgs(args);
            CommandLine.Model.CommandSpec list = parsed.subcommand().subcommand().commandSpec();
            OutputOptions output = (OutputOptions) list.mixins().get("output").userObject();
            output.print(nowhere, Listing.of("ID", "Name", "RAM").withRow("1", "m1.tiny", 512)
                    .withRow("2", json, null));
        }
    }
}
