package io.stackpilot.persistence.lock;

import io.stackpilot.core.flavor.ClusterLock;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link ClusterLock} as a PostgreSQL transaction-level advisory lock on {@code hashtext(name)}: held by one
 * connection of one replica at a time, released at commit or when the connection dies with its replica. The work
 * runs while the transaction stays open (a connection of the pool is held meanwhile). Thread-safe.
 */
public final class AdvisoryLock implements ClusterLock {
    private final Jdbi jdbi;

    public AdvisoryLock(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public <T> T whileHolding(String name, Supplier<T> work) {
        return jdbi.inTransaction(handle -> {
            handle.createQuery("SELECT pg_advisory_xact_lock(hashtext(:name))").bind("name", name)
                    .mapTo(String.class).findOne();
            return work.get();
        });
    }
}
