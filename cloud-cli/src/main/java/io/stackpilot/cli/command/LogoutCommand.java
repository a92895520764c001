package io.stackpilot.cli.command;

import io.stackpilot.cli.CliException;
import io.stackpilot.cli.config.CliConfig;
import io.stackpilot.cli.config.ConfigStore;
import io.stackpilot.cli.config.ContextEntry;
import io.stackpilot.cli.http.ApiException;
import picocli.CommandLine.Command;

/**
 * {@code stackpilot logout}: revokes the token in Keystone ({@code DELETE /api/v1/auth/tokens}) and forgets it in
 * the selected context (its URL, user and project stay). A failed revocation is a warning: the token is forgotten
 * here all the same, and stays valid in Keystone until it expires.
 */
@Command(name = "logout", description = "Revoke the token of the current context (or --context NAME) in Keystone"
        + " and forget it.")
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
        if (context.isLoggedIn(now())) {
            revoke(context);
        }
        store.save(config.withContext(name, context.withoutToken()));
        out().println("Logged out (context " + name + ").");
        return 0;
    }

    private void revoke(ContextEntry context) {
        try {
            root().client(context.url(), context.token()).delete("/api/v1/auth/tokens");
        } catch (ApiException e) {
            if (e.status() != 401) { // 401: the server no longer accepts the token, nothing left to revoke
                warn(e.problemLine());
            }
        } catch (CliException e) {
            warn(e.getMessage());
        }
    }

    private void warn(String reason) {
        err().println("warning: the token could not be revoked (" + reason + "); it is forgotten here but stays"
                + " valid until it expires");
        err().flush();
    }
}
