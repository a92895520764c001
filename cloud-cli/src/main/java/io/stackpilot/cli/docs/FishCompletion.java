package io.stackpilot.cli.docs;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A fish completion script built from picocli's command model (picocli generates bash, which zsh loads, but not
 * fish): subcommands after their parent's path, each command's options with their descriptions and, for enums,
 * their values. A helper function finds the command path typed so far, skipping options and their values.
 */
public final class FishCompletion {
    private FishCompletion() {
    }

    public static String script(CommandLine root) {
        String name = root.getCommandName();
        String helper = "__" + name + "_path";
        List<CommandTree.Node> nodes = CommandTree.walk(root);
        StringBuilder out = new StringBuilder("# fish completion for " + name + " (generated from the command model)\n");
        out.append("function ").append(helper).append('\n')
                .append("    set -l words (commandline -opc)\n")
                .append("    set -e words[1]\n")
                .append("    set -l path\n")
                .append("    set -l skip 0\n")
                .append("    for word in $words\n")
                .append("        if test $skip = 1\n")
                .append("            set skip 0\n")
                .append("        else if contains -- $word ").append(String.join(" ", optionsWithValues(nodes)))
                .append("\n            set skip 1\n")
                .append("        else if not string match -q -- '-*' $word\n")
                .append("            set -a path $word\n")
                .append("        end\n")
                .append("    end\n")
                .append("    test \"$path\" = \"$argv\"\n")
                .append("end\n")
                .append("complete -c ").append(name).append(" -f\n");
        for (CommandTree.Node node : nodes) {
            String condition = "-n '" + helper + (node.path().isEmpty() ? "" : " " + node.pathText()) + "'";
            node.command().getSubcommands().forEach((sub, child) -> {
                if (child.getCommandName().equals(sub)) {
                    out.append("complete -c ").append(name).append(' ').append(condition).append(" -a ")
                            .append(sub).append(" -d ").append(quote(firstLine(child.getCommandSpec().usageMessage()
                                    .description()))).append('\n');
                }
            });
            for (OptionSpec option : node.command().getCommandSpec().options()) {
                if (option.hidden()) {
                    continue;
                }
                out.append("complete -c ").append(name).append(' ').append(condition).append(flags(option));
                if (option.arity().max() > 0) {
                    out.append(" -r");
                    List<String> values = candidates(option);
                    if (!values.isEmpty()) {
                        out.append(" -a ").append(quote(String.join(" ", values)));
                    }
                }
                out.append(" -d ").append(quote(firstLine(option.description()))).append('\n');
            }
        }
        return out.toString();
    }

    private static String flags(OptionSpec option) {
        StringBuilder flags = new StringBuilder();
        for (String name : option.names()) {
            flags.append(name.startsWith("--") ? " -l " + name.substring(2) : " -s " + name.substring(1));
        }
        return flags.toString();
    }

    private static List<String> candidates(OptionSpec option) {
        List<String> values = new ArrayList<>();
        if (option.completionCandidates() != null) {
            option.completionCandidates().forEach(values::add);
        }
        return values;
    }

    private static Set<String> optionsWithValues(List<CommandTree.Node> nodes) {
        Set<String> names = new LinkedHashSet<>();
        for (CommandTree.Node node : nodes) {
            for (OptionSpec option : node.command().getCommandSpec().options()) {
                if (option.arity().max() > 0) {
                    names.addAll(List.of(option.names()));
                }
            }
        }
        return names;
    }

    private static String firstLine(String[] description) {
        return description.length == 0 ? "" : description[0].replace("${COMPLETION-CANDIDATES}", "").strip();
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
