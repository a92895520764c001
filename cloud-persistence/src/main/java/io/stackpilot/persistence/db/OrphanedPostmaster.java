package io.stackpilot.persistence.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * When the process that started the embedded PostgreSQL was killed outright (kill -9, OOM killer), its postmaster
 * keeps running and holds the data directory, so the next start would fail. This finds such a postmaster and
 * stops it (SIGTERM, a smart shutdown). A postmaster whose owner still runs is never touched: the owner holds
 * zonky's {@code epg-lock} file lock on the directory, and that makes the start fail with a clear message instead.
 */
final class OrphanedPostmaster {
    private static final String OWNER_LOCK = "epg-lock";

    private OrphanedPostmaster() {
    }

    static void stopIfAny(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dataDirectory.resolve(OWNER_LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("the embedded database in " + dataDirectory
                        + " is in use by another process");
            }
            postmaster(pidFile).ifPresent(OrphanedPostmaster::stop);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + dataDirectory + " for a running postmaster", e);
        }
    }

    private static Optional<ProcessHandle> postmaster(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.getFirst().strip().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.getFirst().strip()))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres"))
                        .orElse(false));
    }

    private static void stop(ProcessHandle postmaster) {
        postmaster.destroy();
        try {
            postmaster.onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping an orphaned postmaster", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("an orphaned postmaster (pid " + postmaster.pid() + ") did not stop", e);
        }
    }
}
