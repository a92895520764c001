package io.stackpilot.cli.command;

import io.stackpilot.cli.http.ApiClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stackpilot keypair delete NAME...}. */
@Command(name = "delete", description = "Delete key pairs.")
public final class KeyPairDeleteCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Key pair names.")
    List<String> names;

    @Override
    public Integer call() {
        ApiClient api = api();
        for (String name : names) {
            api.delete("/api/v1/key-pairs/" + ApiClient.segment(name));
        }
        return 0;
    }
}
