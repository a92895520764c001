package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;

/** {@code stackpilot server stop SERVER}: powers a server off (a SHUTOFF one is left as it is). */
@Command(name = "stop", description = "Stop (power off) a server; --wait until it is SHUTOFF.")
public final class ServerStopCommand extends ServerActionCommand {

    @Override
    void describe(ObjectNode body) {
        body.put("action", "stop");
    }
}
