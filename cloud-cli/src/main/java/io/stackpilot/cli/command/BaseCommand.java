package io.stackpilot.cli.command;

import io.stackpilot.cli.CliException;
import io.stackpilot.cli.Main;
import io.stackpilot.cli.config.CliConfig;
import io.stackpilot.cli.config.ContextEntry;
import io.stackpilot.cli.http.ApiClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;

/** What every leaf command needs: its writers, the root's services, the selected context and an API client. */
abstract class BaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    protected Main root() {
        return (Main) spec.root().userObject();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected Instant now() {
        return root().environment().clock().instant();
    }

    /** The context name this call uses: {@code --context}, else the current one (null when there is none). */
    protected String contextName(CliConfig config) {
        return root().contextName() != null ? root().contextName() : config.currentContext();
    }

    /** The selected context; exit 3 for an unknown {@code --context}, 5 when there is none at all. */
    protected ContextEntry context(CliConfig config) {
        String name = contextName(config);
        if (name == null) {
            throw CliException.notLoggedIn();
        }
        return config.context(name).orElseThrow(() -> root().contextName() != null
                ? CliException.notFound("no context named '" + name + "'; see stackpilot context list")
                : CliException.notLoggedIn());
    }

    /** A client for the selected context; exit 5 without a request when not logged in or the token expired. */
    protected ApiClient api() {
        ContextEntry context = context(root().configStore().load());
        if (!context.isLoggedIn(now())) {
            throw CliException.notLoggedIn();
        }
        return root().client(context.url(), context.token());
    }
}
