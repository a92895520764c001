package io.stackpilot.persistence.lease;

import io.stackpilot.core.lease.Lease;
import io.stackpilot.core.lease.LeaseRepository;
import io.stackpilot.persistence.db.Columns;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Leases in table {@code lease}. Taking or renewing is one atomic statement: insert the lease, or overwrite it when
 * the caller already holds it or it has expired at the caller's {@code now}; PostgreSQL serialises concurrent
 * attempts on the row, so exactly one of them wins. Thread-safe.
 */
public final class JdbiLeaseRepository implements LeaseRepository {
    private static final String ACQUIRE = """
            INSERT INTO lease (name, holder, expires_at) VALUES (:name, :holder, :expiresAt)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE lease.holder = excluded.holder OR lease.expires_at <= :now
            RETURNING name, holder, expires_at""";
    private static final String RELEASE = "DELETE FROM lease WHERE name = :name AND holder = :holder";
    private static final String SELECT = "SELECT name, holder, expires_at FROM lease WHERE name = :name";
    private static final RowMapper<Lease> LEASE = (row, context) ->
            new Lease(row.getString("name"), row.getString("holder"), Columns.instant(row, "expires_at"));

    private final Jdbi jdbi;

    public JdbiLeaseRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<Lease> tryAcquire(String name, String holder, Instant now, Duration ttl) {
        return jdbi.withHandle(handle -> handle.createQuery(ACQUIRE)
                .bind("name", name)
                .bind("holder", holder)
                .bind("expiresAt", now.plus(ttl))
                .bind("now", now)
                .map(LEASE)
                .findOne());
    }

    @Override
    public void release(String name, String holder) {
        jdbi.useHandle(handle -> handle.createUpdate(RELEASE).bind("name", name).bind("holder", holder).execute());
    }

    @Override
    public Optional<Lease> find(String name) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT).bind("name", name).map(LEASE).findOne());
    }
}
