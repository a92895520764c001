package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stackpilot server rebuild SERVER}: a fresh disk from the image. */
@Command(name = "rebuild", description = "Rebuild a server from an image (a fresh disk; same ID, addresses and flavor); --wait until it is ACTIVE.")
public final class ServerRebuildCommand extends ServerActionCommand {

    @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "The image (ID or name).")
    String image;

    @Override
    void describe(ObjectNode body) {
        body.put("action", "rebuild");
        body.put("image", image);
    }
}
