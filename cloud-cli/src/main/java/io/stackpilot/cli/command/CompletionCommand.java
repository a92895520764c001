package io.stackpilot.cli.command;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code stackpilot completion bash|zsh}: prints picocli's completion script. The script is bash; zsh loads it
 * through bashcompinit, which the script header enables. Use: {@code source <(stackpilot completion bash)}.
 */
@Command(name = "completion", description = "Print a shell completion script: source <(stackpilot completion bash).")
public final class CompletionCommand implements Callable<Integer> {

    /** The shells the script works in. */
    public enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "${COMPLETION-CANDIDATES}")
    Shell shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
        if (shell == Shell.zsh) {
            script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
