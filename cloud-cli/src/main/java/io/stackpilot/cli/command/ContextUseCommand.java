package io.stackpilot.cli.command;

import io.stackpilot.cli.CliException;
import io.stackpilot.cli.config.CliConfig;
import io.stackpilot.cli.config.ConfigStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stackpilot context use NAME}: makes a saved context the current one. */
@Command(name = "use", description = "Make a saved context the current one.")
public final class ContextUseCommand extends BaseCommand {

    @Parameters(paramLabel = "NAME", description = "A context name from 'stackpilot context list'.")
    String name;

    @Override
    public Integer call() {
        ConfigStore store = root().configStore();
        CliConfig config = store.load();
        if (config.context(name).isEmpty()) {
            throw CliException.notFound("no context named '" + name + "'; the contexts are: "
                    + (config.contexts().isEmpty() ? "(none)" : String.join(", ", config.contexts().keySet())));
        }
        store.save(config.withCurrent(name));
        out().println("Current context is now " + name + ".");
        return 0;
    }
}
