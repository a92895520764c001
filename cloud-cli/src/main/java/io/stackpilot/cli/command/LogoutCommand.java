package io.stackpilot.cli.command;

import io.stackpilot.cli.config.CliConfig;
import io.stackpilot.cli.config.ConfigStore;
import io.stackpilot.cli.config.ContextEntry;
import picocli.CommandLine.Command;

/** {@code stackpilot logout}: forgets the token of the selected context (its URL, user and project stay). */
@Command(name = "logout", description = "Forget the token of the current context (or --context NAME).")
public final class LogoutCommand extends BaseCommand {

    @Override
    public Integer call() {
        ConfigStore store = root().configStore();
        CliConfig config = store.load();
        ContextEntry context = context(config);
        String name = contextName(config);
        if (context.token() == null) {
            out().println("Not logged in (context " + name + ").");
            return 0;
        }
        store.save(config.withContext(name, context.withoutToken()));
        out().println("Logged out (context " + name + ").");
        return 0;
    }
}
