package io.stackpilot.cli.command;

import io.stackpilot.cli.http.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code stackpilot managed-server delete NAME}: asks for deletion (the engine deletes the VM, then the record; an
 * observed one is only forgotten). With {@code --wait}, waits until the record is gone.
 */
@Command(name = "delete", description = "Delete a managed server (and its VM, if Stackpilot manages it).")
public final class ManagedServerDeleteCommand extends BaseCommand {

    @Parameters(paramLabel = "NAME", description = "The managed server's name.")
    String name;

    @Mixin
    ServerCreateCommand.WaitOptions wait;

    @Override
    public Integer call() {
        ApiClient api = api();
        api.delete(ManagedServerViews.path(name));
        if (wait.enabled()) {
            new ManagedServerWaiter(api, err(), wait.pollInterval(), wait.timeout()).untilGone(name);
        }
        return 0;
    }
}
