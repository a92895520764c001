package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;

/** {@code stackpilot server start SERVER}: powers a SHUTOFF server on (an ACTIVE one is left as it is). */
@Command(name = "start", description = "Start (power on) a stopped server; --wait until it is ACTIVE.")
public final class ServerStartCommand extends ServerActionCommand {

    @Override
    void describe(ObjectNode body) {
        body.put("action", "start");
    }
}
