package io.stackpilot.cli.docs;

import picocli.CommandLine;

/** {@code docs/cli.md}: every command's usage as {@code --help} prints it, in command-tree order. */
final class MarkdownReference {
    private MarkdownReference() {
    }

    static String render(CommandLine root) {
        StringBuilder out = new StringBuilder("""
                # `stackpilot` command reference

                Generated from the command model by `io.stackpilot.cli.docs.CliReference` at build time (the build
                writes `cloud-cli/target/docs/cli.md`; `CliReferenceTest` fails when this copy is out of date). Man
                pages and bash, zsh and fish completion come from the same model: see [the CLI's README](../cloud-cli/README.md).

                """);
        for (CommandTree.Node node : CommandTree.walk(root)) {
            String title = node.path().isEmpty() ? root.getCommandName()
                    : root.getCommandName() + " " + node.pathText();
            out.append("## ").append(title).append("\n\n```\n")
                    .append(node.command().getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing())
                    .append("\n```\n\n");
        }
        return out.toString().stripTrailing() + "\n";
    }
}
