package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackpilot.cli.CliException;
import io.stackpilot.cli.http.JsonTrees;
import io.stackpilot.cli.output.OutputOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stackpilot keypair import NAME --public-key FILE}: stores an existing public key. */
@Command(name = "import", description = "Import a public key as a key pair.")
public final class KeyPairImportCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "NAME", description = "The key pair's name.")
    String name;

    @Option(names = "--public-key", required = true, paramLabel = "FILE",
            description = "File with the OpenSSH public key (e.g. ~/.ssh/id_ed25519.pub).")
    java.nio.file.Path publicKeyFile;

    @Override
    public Integer call() {
        String publicKey;
        try {
            publicKey = java.nio.file.Files.readString(publicKeyFile, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw CliException.invalid("--public-key: cannot read " + publicKeyFile + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        ObjectNode body = JsonTrees.object();
        body.put("name", name);
        body.put("public_key", publicKey.strip());
        output.print(out(), ReachViews.keyPair(api().post("/api/v1/key-pairs", body, Map.of()).body()));
        return 0;
    }
}
