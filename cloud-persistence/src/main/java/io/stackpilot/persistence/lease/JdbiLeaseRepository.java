package io.stackpilot.persistence.lease;

import io.stackpilot.core.lease.Lease;
import io.stackpilot.core.lease.LeaseRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Leases in table {@code lease}. Taking or renewing is one atomic statement: insert the lease, or overwrite it when
 * the caller already holds it or it has expired; PostgreSQL serialises concurrent attempts on the row, so exactly
 * one of them wins. Expiry and the new {@code expires_at} come from PostgreSQL's {@code now()}, the one clock all
 * replicas share, so a replica whose clock is ahead cannot take a lease that has not run out. Thread-safe.
 */
public final class JdbiLeaseRepository implements LeaseRepository {
    private final LeaseSql sql;
    private final Clock storeClock;

    /** Leases that expire by the database's clock, as in production. */
    public JdbiLeaseRepository(Jdbi jdbi) {
        this(jdbi, null);
    }

    private JdbiLeaseRepository(Jdbi jdbi, Clock storeClock) {
        this.sql = jdbi.onDemand(LeaseSql.class);
        this.storeClock = storeClock;
    }

    /**
     * Leases that expire by {@code storeClock} instead of the database's clock, for simulations that move time by
     * hand; every replica of the simulation must share that clock, as they share PostgreSQL's in production.
     */
    public static JdbiLeaseRepository withStoreClock(Jdbi jdbi, Clock storeClock) {
        return new JdbiLeaseRepository(jdbi, storeClock);
    }

    @Override
    public Optional<Lease> tryAcquire(String name, String holder, Duration ttl) {
        Instant at = storeClock == null ? null : storeClock.instant();
        return sql.acquire(name, holder, ttl.toNanos() / 1_000, at);
    }

    @Override
    public void release(String name, String holder) {
        sql.release(name, holder);
    }

    @Override
    public Optional<Lease> find(String name) {
        return sql.find(name);
    }

    /** The statements; {@code at} null means the database's {@code now()}. */
    @RegisterConstructorMapper(Lease.class)
    interface LeaseSql {
        @SqlQuery("""
                WITH clock AS (SELECT coalesce(CAST(:at AS timestamptz), now()) AS now)
                INSERT INTO lease (name, holder, expires_at)
                SELECT :name, :holder, clock.now + :ttlMicros * interval '1 microsecond' FROM clock
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE lease.holder = excluded.holder OR lease.expires_at <= (SELECT now FROM clock)
                RETURNING name, holder, expires_at""")
        Optional<Lease> acquire(String name, String holder, long ttlMicros, Instant at);

        @SqlUpdate("DELETE FROM lease WHERE name = :name AND holder = :holder")
        void release(String name, String holder);

        @SqlQuery("SELECT name, holder, expires_at FROM lease WHERE name = :name")
        Optional<Lease> find(String name);
    }
}
