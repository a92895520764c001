package io.stackpilot.cli.docs;

import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

/** Every command of a picocli tree with its path below the root, parents before children, aliases skipped. */
final class CommandTree {
    private CommandTree() {
    }

    /** One command and the words that name it ({@code [server, list]}; empty for the root). */
    record Node(List<String> path, CommandLine command) {
        String pathText() {
            return String.join(" ", path);
        }

        /** {@code stackpilot-server-list}, the man page's name. */
        String pageName(String root) {
            return path.isEmpty() ? root : root + "-" + String.join("-", path);
        }
    }

    static List<Node> walk(CommandLine root) {
        List<Node> nodes = new ArrayList<>();
        collect(root, List.of(), nodes);
        return nodes;
    }

    private static void collect(CommandLine command, List<String> path, List<Node> nodes) {
        nodes.add(new Node(path, command));
        command.getSubcommands().forEach((name, child) -> {
            if (child.getCommandName().equals(name)) {
                List<String> childPath = new ArrayList<>(path);
                childPath.add(name);
                collect(child, List.copyOf(childPath), nodes);
            }
        });
    }
}
