package io.stackpilot.cli.command;

import io.stackpilot.cli.docs.CliReference;
import io.stackpilot.cli.docs.FishCompletion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code stackpilot completion bash|zsh|fish}: prints the completion script. bash is picocli's; zsh loads it through
 * bashcompinit, which the script header enables; fish's is built from the command model ({@link FishCompletion}).
 * Use: {@code source <(stackpilot completion bash)}, {@code stackpilot completion fish | source}. The build writes
 * the same scripts to {@code target/completion}.
 */
@Command(name = "completion", description = "Print a shell completion script: source <(stackpilot completion bash),"
        + " or stackpilot completion fish | source.")
public final class CompletionCommand implements Callable<Integer> {

    /** The shells the script works in. */
    public enum Shell { bash, zsh, fish }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "${COMPLETION-CANDIDATES}")
    Shell shell;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        String script = switch (shell) {
            case bash -> CliReference.bash(root);
            case zsh -> CliReference.zsh(root);
            case fish -> FishCompletion.script(root);
        };
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
