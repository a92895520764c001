package io.stackpilot.persistence.idempotency;

import io.stackpilot.core.idempotency.IdempotencyRecord;
import io.stackpilot.core.idempotency.IdempotencyRepository;
import io.stackpilot.persistence.db.Columns;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Idempotency keys in table {@code idempotency_key}, keyed by (project, key); the outcome is {@code resource_id}.
 * A claim is one transaction that locks the key's row (or inserts it, losing cleanly to a concurrent insert) and
 * then decides as {@link IdempotencyRepository#tryClaim} says, so of concurrent callers one wins. Uses JDBI's fluent
 * API rather than a SQL Object: the claim is a decision between statements in one transaction. Thread-safe.
 */
public final class JdbiIdempotencyRepository implements IdempotencyRepository {
    /** Rows written before claims expired on their own (changeset 0005) read as claimed for two minutes. */
    private static final String CLAIM_EXPIRES_AT =
            "COALESCE(claim_expires_at, created_at + interval '2 minutes') AS claim_expires_at";
    private static final String SELECT = "SELECT key, project_id, request_hash, resource_id, created_at, "
            + CLAIM_EXPIRES_AT + ", expires_at FROM idempotency_key WHERE project_id = :projectId AND key = :key";
    private static final String INSERT = """
            INSERT INTO idempotency_key (project_id, key, request_hash, created_at, claim_expires_at, expires_at)
            VALUES (:projectId, :key, :requestHash, :now, :claimExpiresAt, :expiresAt)
            ON CONFLICT (project_id, key) DO NOTHING""";
    private static final String REPLACE = """
            UPDATE idempotency_key SET request_hash = :requestHash, status = NULL, body = NULL, resource_id = NULL,
                created_at = :now, claim_expires_at = :claimExpiresAt, expires_at = :expiresAt
            WHERE project_id = :projectId AND key = :key""";
    private static final String TAKE_OVER = """
            UPDATE idempotency_key SET claim_expires_at = :claimExpiresAt
            WHERE project_id = :projectId AND key = :key""";
    private static final String COMPLETE = """
            UPDATE idempotency_key SET resource_id = :serverId WHERE project_id = :projectId AND key = :key""";
    private static final String RELEASE = "DELETE FROM idempotency_key "
            + "WHERE project_id = :projectId AND key = :key AND resource_id IS NULL AND status IS NULL";
    private static final String DELETE_EXPIRED = """
            DELETE FROM idempotency_key WHERE (project_id, key) IN (
                SELECT project_id, key FROM idempotency_key WHERE expires_at <= :now ORDER BY expires_at
                LIMIT :limit)""";
    private static final RowMapper<IdempotencyRecord> RECORD = (row, context) -> new IdempotencyRecord(
            row.getString("key"),
            row.getString("project_id"),
            row.getString("request_hash"),
            row.getString("resource_id"),
            Columns.instant(row, "created_at"),
            Columns.instant(row, "claim_expires_at"),
            Columns.instant(row, "expires_at"));

    private final Jdbi jdbi;

    public JdbiIdempotencyRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Claim tryClaim(String key, String projectId, String requestHash, Instant now, Instant claimExpiresAt,
                          Instant expiresAt) {
        return jdbi.inTransaction(handle -> {
            Optional<IdempotencyRecord> current = select(handle, SELECT + " FOR UPDATE", key, projectId);
            if (current.isEmpty()) {
                return claim(handle, INSERT, key, projectId, requestHash, now, claimExpiresAt, expiresAt) == 1
                        ? Claim.NEW : Claim.HELD;
            }
            IdempotencyRecord record = current.get();
            if (!record.expiresAt().isAfter(now)) {
                claim(handle, REPLACE, key, projectId, requestHash, now, claimExpiresAt, expiresAt);
                return Claim.NEW;
            }
            if (record.completed() || record.claimExpiresAt().isAfter(now)
                    || !record.requestHash().equals(requestHash)) {
                return Claim.HELD;
            }
            handle.createUpdate(TAKE_OVER).bind("projectId", projectId).bind("key", key)
                    .bind("claimExpiresAt", claimExpiresAt).execute();
            return Claim.TAKEN_OVER;
        });
    }

    private static int claim(Handle handle, String sql, String key, String projectId, String requestHash,
                             Instant now, Instant claimExpiresAt, Instant expiresAt) {
        return handle.createUpdate(sql)
                .bind("projectId", projectId)
                .bind("key", key)
                .bind("requestHash", requestHash)
                .bind("now", now)
                .bind("claimExpiresAt", claimExpiresAt)
                .bind("expiresAt", expiresAt)
                .execute();
    }

    @Override
    public void complete(String key, String projectId, String serverId) {
        jdbi.useHandle(handle -> handle.createUpdate(COMPLETE)
                .bind("projectId", projectId)
                .bind("key", key)
                .bind("serverId", serverId)
                .execute());
    }

    @Override
    public void release(String key, String projectId) {
        jdbi.useHandle(handle -> handle.createUpdate(RELEASE).bind("projectId", projectId).bind("key", key).execute());
    }

    @Override
    public Optional<IdempotencyRecord> find(String key, String projectId, Instant now) {
        return jdbi.withHandle(handle -> select(handle, SELECT, key, projectId))
                .filter(record -> record.expiresAt().isAfter(now));
    }

    private static Optional<IdempotencyRecord> select(Handle handle, String sql, String key, String projectId) {
        return handle.createQuery(sql).bind("projectId", projectId).bind("key", key).map(RECORD).findOne();
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return jdbi.withHandle(handle -> handle.createUpdate(DELETE_EXPIRED).bind("now", now).bind("limit", limit)
                .execute());
    }
}
