package io.stackpilot.persistence.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The embedded PostgreSQL's superuser password: 32 random bytes (hex), kept in a file readable by the owner only
 * (0600) next to the cluster's directory, so that only the service's own user can read it. Created before the
 * cluster (initdb takes it from the file), so a crash cannot leave a cluster whose password is lost.
 */
final class EmbeddedPostgresPassword {
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private EmbeddedPostgresPassword() {
    }

    /** The file of the cluster in {@code clusterDirectory}: {@code <clusterDirectory>.password} beside it. */
    static Path fileOf(Path clusterDirectory) {
        return clusterDirectory.resolveSibling(clusterDirectory.getFileName() + ".password");
    }

    /** Reads the password file, or creates it with a new random password; either way it ends up 0600. */
    static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            // A file restored from a backup or copied by hand may have lost its mode: tighten it, never loosen.
            Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
            String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (password.isEmpty()) {
                throw new IllegalStateException("the embedded database's password file " + file + " is empty");
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the embedded database's password file " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        try {
            // Created with its final mode: the password is never in a file others could read, not even briefly.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.writeString(file, HexFormat.of().formatHex(random) + "\n", StandardCharsets.US_ASCII,
                StandardOpenOption.TRUNCATE_EXISTING);
    }
}
