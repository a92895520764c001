package io.stackpilot.cli.command;

import picocli.CommandLine.Command;

/** {@code stackpilot image}: the group of the image commands. */
@Command(name = "image", description = "List the images a server can be launched from.", subcommands = ImageListCommand.class)
public final class ImageCommand {
}
