package io.stackpilot.cli.command;

import picocli.CommandLine.Command;

/** {@code stackpilot preemption}: the group of the eviction commands. */
@Command(name = "preemption", description = "Preemptible servers evicted to make room for standard ones.",
        subcommands = PreemptionListCommand.class)
public final class PreemptionCommand {
}
