package io.stackpilot.persistence;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A separate JVM for {@link EmbeddedDatabaseCrashIT}: starts the embedded database in the directory given as the
 * argument, takes a lease, prints "READY" and waits to be killed.
 */
public final class EmbeddedDatabaseProcess {
    static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");

    private EmbeddedDatabaseProcess() {
    }

    public static void main(String[] arguments) throws InterruptedException {
        Database database = Database.start(DatabaseSettings.embedded(Path.of(arguments[0])));
        database.leases().tryAcquire("collector", "crashed-replica", NOW, Duration.ofHours(1));
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5));
        database.close();
    }
}
