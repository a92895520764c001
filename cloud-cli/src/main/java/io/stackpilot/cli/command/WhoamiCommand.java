package io.stackpilot.cli.command;

import io.stackpilot.cli.CliException;
import io.stackpilot.cli.config.CliConfig;
import io.stackpilot.cli.config.ContextEntry;
import io.stackpilot.cli.output.Details;
import io.stackpilot.cli.output.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stackpilot whoami}: who the selected context is logged in as (from the config file, no request). */
@Command(name = "whoami", description = "Show the user, project and roles of the current login.")
public final class WhoamiCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        CliConfig config = root().configStore().load();
        ContextEntry context = context(config);
        if (!context.isLoggedIn(now())) {
            throw CliException.notLoggedIn();
        }
        output.print(out(), Details.empty()
                .with("context", contextName(config))
                .with("url", context.url())
                .with("user", context.userName())
                .with("user_id", context.userId())
                .with("user_domain", context.userDomain())
                .with("project", context.projectName())
                .with("project_id", context.projectId())
                .with("project_domain", context.projectDomain())
                .with("roles", context.roles())
                .with("expires_at", context.expiresAt() == null ? null : context.expiresAt().toString()));
        return 0;
    }
}
