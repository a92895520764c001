package io.stackpilot.persistence.idempotency;

import io.stackpilot.core.idempotency.IdempotencyRecord;
import io.stackpilot.core.idempotency.IdempotencyRepository;
import io.stackpilot.persistence.db.Columns;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Idempotency keys in table {@code idempotency_key}, keyed by (project, key). A claim is one atomic statement that
 * inserts the record or replaces one that has expired at the caller's {@code now}. Thread-safe.
 */
public final class JdbiIdempotencyRepository implements IdempotencyRepository {
    private static final String CLAIM = """
            INSERT INTO idempotency_key (project_id, key, request_hash, status, body, resource_id, created_at,
                                         expires_at)
            VALUES (:projectId, :key, :requestHash, NULL, NULL, NULL, :now, :expiresAt)
            ON CONFLICT (project_id, key) DO UPDATE
            SET request_hash = excluded.request_hash, status = NULL, body = NULL, resource_id = NULL,
                created_at = excluded.created_at, expires_at = excluded.expires_at
            WHERE idempotency_key.expires_at <= :now""";
    private static final String COMPLETE = """
            UPDATE idempotency_key SET status = :status, body = :body, resource_id = :resourceId
            WHERE project_id = :projectId AND key = :key""";
    private static final String RELEASE =
            "DELETE FROM idempotency_key WHERE project_id = :projectId AND key = :key AND status IS NULL";
    private static final String SELECT = """
            SELECT key, project_id, request_hash, status, body, resource_id, created_at, expires_at
            FROM idempotency_key
            WHERE project_id = :projectId AND key = :key AND expires_at > :now""";
    private static final String DELETE_EXPIRED = "DELETE FROM idempotency_key WHERE expires_at <= :now";
    private static final RowMapper<IdempotencyRecord> RECORD = (row, context) -> new IdempotencyRecord(
            row.getString("key"),
            row.getString("project_id"),
            row.getString("request_hash"),
            Columns.nullableInt(row, "status"),
            row.getString("body"),
            row.getString("resource_id"),
            Columns.instant(row, "created_at"),
            Columns.instant(row, "expires_at"));

    private final Jdbi jdbi;

    public JdbiIdempotencyRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean tryClaim(String key, String projectId, String requestHash, Instant now, Instant expiresAt) {
        return jdbi.withHandle(handle -> handle.createUpdate(CLAIM)
                .bind("projectId", projectId)
                .bind("key", key)
                .bind("requestHash", requestHash)
                .bind("now", now)
                .bind("expiresAt", expiresAt)
                .execute()) == 1;
    }

    @Override
    public void complete(String key, String projectId, int status, String body, String resourceId) {
        jdbi.useHandle(handle -> handle.createUpdate(COMPLETE)
                .bind("projectId", projectId)
                .bind("key", key)
                .bind("status", status)
                .bind("body", body)
                .bind("resourceId", resourceId)
                .execute());
    }

    @Override
    public void release(String key, String projectId) {
        jdbi.useHandle(handle -> handle.createUpdate(RELEASE).bind("projectId", projectId).bind("key", key).execute());
    }

    @Override
    public Optional<IdempotencyRecord> find(String key, String projectId, Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT)
                .bind("projectId", projectId)
                .bind("key", key)
                .bind("now", now)
                .map(RECORD)
                .findOne());
    }

    @Override
    public int deleteExpired(Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate(DELETE_EXPIRED).bind("now", now).execute());
    }
}
