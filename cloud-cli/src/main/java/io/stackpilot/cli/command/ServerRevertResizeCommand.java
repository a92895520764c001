package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;

/** {@code stackpilot server revert-resize SERVER}: goes back to the old flavor of a server in VERIFY_RESIZE. */
@Command(name = "revert-resize", description = "Go back to the old flavor of a resized server (VERIFY_RESIZE); --wait until it is ACTIVE.")
public final class ServerRevertResizeCommand extends ServerActionCommand {

    @Override
    void describe(ObjectNode body) {
        body.put("action", "revert_resize");
    }
}
