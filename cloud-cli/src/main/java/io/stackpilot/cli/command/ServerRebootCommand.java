package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stackpilot server reboot SERVER}: a soft or hard reboot. */
@Command(name = "reboot", description = "Reboot a server (soft, or --hard); --wait until it is ACTIVE again.")
public final class ServerRebootCommand extends ServerActionCommand {

    @Option(names = "--hard",
            description = "Power cycle instead of asking the guest to reboot (also starts a SHUTOFF server).")
    boolean hard;

    @Override
    void describe(ObjectNode body) {
        body.put("action", "reboot");
        body.put("hard", hard);
    }
}
