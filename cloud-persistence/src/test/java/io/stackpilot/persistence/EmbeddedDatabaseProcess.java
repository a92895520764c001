package io.stackpilot.persistence;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A separate JVM for {@link EmbeddedDatabaseCrashIT}: starts the embedded database in the directory given as the
 * argument, takes a lease, prints "READY" and waits to be killed.
 */
public final class EmbeddedDatabaseProcess {
    private EmbeddedDatabaseProcess() {
    }

    public static void main(String[] arguments) throws InterruptedException {
        Database database = Database.start(DatabaseSettings.embedded(Path.of(arguments[0])));
        database.leases().tryAcquire("collector", "crashed-replica", Duration.ofHours(1));
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5));
        database.close();
    }
}
