package io.stackpilot.cli.command;

import picocli.CommandLine.Command;

/** {@code stackpilot location}: the group of the location commands. */
@Command(name = "location", description = "The clouds and regions servers can be placed in.",
        subcommands = LocationListCommand.class)
public final class LocationCommand {
}
