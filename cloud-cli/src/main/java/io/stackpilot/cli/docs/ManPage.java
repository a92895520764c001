package io.stackpilot.cli.docs;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.List;

/**
 * A roff man page (section 1) for one command, built from picocli's command model. picocli-codegen's
 * ManPageGenerator writes AsciiDoc, which needs Asciidoctor (JRuby) in the build to become a page {@code man} can
 * show; this writes the roff directly, from the same model.
 */
final class ManPage {
    private ManPage() {
    }

    static String render(CommandTree.Node node, String root, String version) {
        CommandSpec spec = node.command().getCommandSpec();
        String name = node.pageName(root);
        StringBuilder out = new StringBuilder();
        out.append(".TH ").append(name.toUpperCase(java.util.Locale.ROOT)).append(" 1 \"\" \"")
                .append(root).append(' ').append(version).append("\" \"Stackpilot Manual\"\n");
        out.append(".SH NAME\n").append(escape(name)).append(" \\- ")
                .append(escape(String.join(" ", spec.usageMessage().description()))).append('\n');
        out.append(".SH SYNOPSIS\n.nf\n")
                .append(escape(new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                        .synopsis(0).stripTrailing())).append("\n.fi\n");
        out.append(".SH DESCRIPTION\n").append(escape(String.join("\n", spec.usageMessage().description())))
                .append('\n');
        if (!spec.positionalParameters().isEmpty()) {
            out.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec parameter : spec.positionalParameters()) {
                out.append(".TP\n.I ").append(escape(parameter.paramLabel())).append('\n')
                        .append(escape(String.join(" ", parameter.description()))).append('\n');
            }
        }
        if (!spec.options().isEmpty()) {
            out.append(".SH OPTIONS\n");
            for (OptionSpec option : spec.options()) {
                if (!option.hidden()) {
                    out.append(".TP\n").append(optionLine(option)).append('\n')
                            .append(escape(String.join(" ", option.description()))).append('\n');
                }
            }
        }
        if (!node.command().getSubcommands().isEmpty()) {
            out.append(".SH COMMANDS\n");
            node.command().getSubcommands().forEach((sub, child) -> {
                if (child.getCommandName().equals(sub)) {
                    out.append(".TP\n.B ").append(escape(sub)).append('\n')
                            .append(escape(String.join(" ", child.getCommandSpec().usageMessage().description())))
                            .append("\nSee \\fB").append(escape(name + "-" + sub)).append("\\fR(1).\n");
                }
            });
        }
        if (!node.path().isEmpty()) {
            List<String> parent = node.path().subList(0, node.path().size() - 1);
            String parentPage = parent.isEmpty() ? root : root + "-" + String.join("-", parent);
            out.append(".SH SEE ALSO\n\\fB").append(escape(parentPage)).append("\\fR(1)\n");
        }
        return out.toString();
    }

    private static String optionLine(OptionSpec option) {
        StringBuilder line = new StringBuilder();
        for (String name : option.names()) {
            line.append(line.isEmpty() ? "" : ", ").append("\\fB").append(escape(name)).append("\\fR");
        }
        if (option.arity().max() > 0) {
            line.append(" \\fI").append(escape(option.paramLabel())).append("\\fR");
        }
        return line.toString();
    }

    /** Backslashes and hyphens escaped, and a line that starts with a dot or quote kept from being a request. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.replaceAll("(?m)^([.'])", "\\\\&$1");
    }
}
