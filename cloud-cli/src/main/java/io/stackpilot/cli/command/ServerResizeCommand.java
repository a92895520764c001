package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stackpilot server resize SERVER}: moves the server to another flavor; it then waits in VERIFY_RESIZE for confirm-resize or revert-resize. */
@Command(name = "resize", description = "Resize a server to another flavor; --wait until it is VERIFY_RESIZE, then confirm-resize or revert-resize.")
public final class ServerResizeCommand extends ServerActionCommand {

    @Option(names = "--flavor", required = true, paramLabel = "FLAVOR", description = "The new flavor (ID or name).")
    String flavor;

    @Override
    void describe(ObjectNode body) {
        body.put("action", "resize");
        body.put("flavor", flavor);
    }
}
