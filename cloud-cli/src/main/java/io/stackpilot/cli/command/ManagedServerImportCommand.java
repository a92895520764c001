package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackpilot.cli.http.JsonTrees;
import io.stackpilot.cli.output.OutputOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stackpilot managed-server import (--server ID | --name-regex RE) [--managed] [--name NAME]}: imports
 * existing VMs of the project, observed only unless {@code --managed}.
 */
@Command(name = "import", description = "Import existing servers (observed only, unless --managed).")
public final class ManagedServerImportCommand extends BaseCommand {

    static final class Selector {
        @Option(names = "--server", required = true, paramLabel = "ID", description = "The server's ID.")
        String serverId;

        @Option(names = "--name-regex", required = true, paramLabel = "REGEX",
                description = "Every server of the project whose name matches.")
        String nameRegex;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selector selector;

    @Option(names = "--managed", description = "Manage it (recreate it when it disappears) instead of observing.")
    boolean managed;

    @Option(names = "--name", paramLabel = "NAME", description = "The managed server's name (with --server only).")
    String name;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        ObjectNode body = JsonTrees.object();
        if (selector.serverId != null) {
            body.put("server_id", selector.serverId);
        } else {
            body.putObject("filter").put("name", selector.nameRegex);
        }
        if (name != null) {
            body.put("name", name);
        }
        body.put("managed", managed);
        JsonNode imported = api().post("/api/v1/managed-servers/imports", body, Map.of()).body();
        List<JsonNode> resources = new ArrayList<>();
        imported.path("managed_servers").forEach(resources::add);
        output.print(out(), ManagedServerViews.listing(resources));
        return 0;
    }
}
