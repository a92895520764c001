package io.stackpilot.cli.command;

import io.stackpilot.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a private key to a new file that only its owner may read (created so, never widened afterwards). */
final class PrivateKeyFile {
    private PrivateKeyFile() {
    }

    static void write(Path file, String privateKey) {
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, privateKey, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new CliException(1, "--private-key: cannot write " + file + " (" + e.getClass().getSimpleName()
                    + "); the private key is lost, delete the key pair and create it again", e);
        }
    }
}
