package io.stackpilot.cli.command;

import picocli.CommandLine.Command;

/** {@code stackpilot keypair}: the group of the key pair commands. */
@Command(name = "keypair", description = "SSH key pairs for servers (your user's, in every project).",
        subcommands = {KeyPairListCommand.class, KeyPairCreateCommand.class, KeyPairImportCommand.class, KeyPairShowCommand.class, KeyPairDeleteCommand.class})
public final class KeyPairCommand {
}
