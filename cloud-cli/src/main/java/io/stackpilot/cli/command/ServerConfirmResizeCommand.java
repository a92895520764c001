package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;

/** {@code stackpilot server confirm-resize SERVER}: keeps the new flavor of a server in VERIFY_RESIZE. */
@Command(name = "confirm-resize", description = "Keep the new flavor of a resized server (VERIFY_RESIZE); --wait until it is ACTIVE.")
public final class ServerConfirmResizeCommand extends ServerActionCommand {

    @Override
    void describe(ObjectNode body) {
        body.put("action", "confirm_resize");
    }
}
