package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackpilot.cli.CliException;
import io.stackpilot.cli.http.JsonTrees;
import io.stackpilot.cli.output.OutputOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stackpilot keypair create NAME [--private-key FILE]}: has the cloud generate a key pair. Its private key is
 * shown this once: written to stdout (as {@code openstack keypair create} does), or with {@code --private-key} to a
 * new file readable by its owner only, and then the key pair's details are shown. It is kept nowhere else.
 */
@Command(name = "create", description = "Generate a key pair; its private key is shown once.")
public final class KeyPairCreateCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "NAME", description = "The new key pair's name.")
    String name;

    @Option(names = "--private-key", paramLabel = "FILE",
            description = "Write the private key to this new file (mode 600) instead of stdout.")
    java.nio.file.Path privateKeyFile;

    @Override
    public Integer call() {
        if (privateKeyFile != null && java.nio.file.Files.exists(privateKeyFile)) {
            throw CliException.invalid("--private-key: " + privateKeyFile + " exists; choose a new file");
        }
        ObjectNode body = JsonTrees.object();
        body.put("name", name);
        JsonNode created = api().post("/api/v1/key-pairs", body, Map.of()).body();
        String privateKey = JsonFields.text(created, "private_key");
        if (privateKeyFile == null) {
            out().print(privateKey);
            out().flush();
            return 0;
        }
        PrivateKeyFile.write(privateKeyFile, privateKey);
        output.print(out(), ReachViews.keyPair(created).with("Private key", privateKeyFile.toString()));
        return 0;
    }
}
