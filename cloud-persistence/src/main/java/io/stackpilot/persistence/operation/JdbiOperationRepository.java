package io.stackpilot.persistence.operation;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.operation.LocationQueue;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationKind;
import io.stackpilot.core.operation.OperationQuery;
import io.stackpilot.core.operation.OperationRepository;
import io.stackpilot.core.operation.OperationState;
import io.stackpilot.persistence.db.Columns;
import io.stackpilot.persistence.db.UniqueViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;

/**
 * Operations in table {@code operation}. A claim is one statement, {@code UPDATE ... WHERE id IN (SELECT ... FOR
 * UPDATE SKIP LOCKED LIMIT n) RETURNING}: concurrent claimers skip each other's rows instead of queueing on them,
 * and a row whose state changed meanwhile is re-checked by PostgreSQL before it is taken. Partial unique indexes
 * keep one queued and one running operation per target even if a statement here were wrong. Thread-safe.
 *
 * <p>The per-location limit must hold across replicas, so claims are serialized: each runs in a transaction that
 * first takes one transaction-level advisory lock ({@link #CLAIM_LOCK}), and only then (a new statement, so a new
 * snapshot that sees every claim committed before) counts the running operations per location and hands out at most
 * the rest. A claim is one short statement; the lock is held for its duration only. The statements that end a claim
 * (complete, retry, fail) only lower the counts and need no lock.
 */
public final class JdbiOperationRepository implements OperationRepository {
    private static final String COLUMNS = "id, project_id, kind, target, state, attempts, reason, error, not_before,"
            + " claimed_by, lease_until, created_at, started_at, finished_at, location";
    private static final String SUPERSEDE = """
            UPDATE operation SET state = 'cancelled', error = 'superseded by ' || :newId, finished_at = :now
            WHERE target = :target AND state = 'queued'""";
    private static final String INSERT = "INSERT INTO operation (" + COLUMNS + ") VALUES (:id, :projectId, :kind,"
            + " :target, 'queued', 0, :reason, NULL, :notBefore, NULL, NULL, :createdAt, NULL, NULL, :location)";
    /** "STKPOPCL" in ASCII: the transaction advisory lock that serializes claims. */
    static final long CLAIM_LOCK = 0x53544B504F50434CL;
    // Candidates: queued and due (their target has no running operation) or running with an ended lease, in a
    // location that is not paused. Per location the queued ones are ranked, and only those within the room left
    // (limit minus every running operation of the location, ended leases included) are taken; a takeover keeps the
    // count as it is. The outer WHERE re-checks each row's state, should it have changed since the snapshot.
    private static final String CLAIM = """
            WITH busy AS (SELECT location, count(*) AS running FROM operation WHERE state = 'running'
                          GROUP BY location),
                 candidate AS (
                     SELECT c.id, c.state, c.not_before, c.created_at,
                            row_number() OVER (PARTITION BY c.location, c.state ORDER BY c.not_before, c.created_at)
                                AS rank,
                            :perLocation - COALESCE(busy.running, 0) AS room
                     FROM operation c LEFT JOIN busy ON busy.location = c.location
                     WHERE ((c.state = 'queued' AND c.not_before <= :now
                             AND NOT EXISTS (SELECT 1 FROM operation other WHERE other.target = c.target
                                             AND other.state = 'running'))
                            OR (c.state = 'running' AND c.lease_until <= :now))
                       AND NOT EXISTS (SELECT 1 FROM location_pause pause WHERE pause.location = c.location
                                       AND pause.until > :now)),
                 chosen AS (SELECT id FROM candidate WHERE state = 'running' OR rank <= room
                            ORDER BY not_before, created_at LIMIT :limit)
            UPDATE operation SET state = 'running', claimed_by = :holder, lease_until = :until,
                attempts = attempts + 1, started_at = COALESCE(started_at, :now)
            WHERE id IN (SELECT id FROM chosen)
              AND ((state = 'queued' AND not_before <= :now) OR (state = 'running' AND lease_until <= :now))
            RETURNING\s""" + COLUMNS;
    private static final String PAUSE = """
            INSERT INTO location_pause (location, until, reason, paused_at) VALUES (:location, :until, :reason, :now)
            ON CONFLICT (location) DO UPDATE SET until = EXCLUDED.until, reason = EXCLUDED.reason,
                paused_at = EXCLUDED.paused_at
            WHERE location_pause.until < EXCLUDED.until""";
    // Per location: the project's (or everyone's) queued, running and recently failed operations, and the pause.
    private static final String SUMMARY = """
            WITH counted AS (
                SELECT location, count(*) FILTER (WHERE state = 'queued') AS queued,
                       count(*) FILTER (WHERE state = 'running') AS running,
                       count(*) FILTER (WHERE state = 'failed') AS failed
                FROM operation
                WHERE (CAST(:projectId AS text) IS NULL OR project_id = :projectId)
                  AND (state IN ('queued', 'running') OR (state = 'failed' AND finished_at >= :failedSince))
                GROUP BY location),
                 paused AS (SELECT location, until, reason FROM location_pause WHERE until > :now)
            SELECT COALESCE(counted.location, paused.location) AS location, COALESCE(queued, 0) AS queued,
                   COALESCE(running, 0) AS running, COALESCE(failed, 0) AS failed, paused.until, paused.reason
            FROM counted FULL JOIN paused ON paused.location = counted.location
            WHERE counted.location IS NOT NULL OR CAST(:projectId AS text) IS NULL
            ORDER BY 1""";
    private static final String BY_HOLDER = " WHERE id = :id AND state = 'running' AND claimed_by = :holder";
    private static final int ENQUEUE_ATTEMPTS = 3;
    private static final RowMapper<Operation> MAPPER = (row, context) -> new Operation(
            row.getObject("id", UUID.class), row.getString("project_id"),
            OperationKind.parse(row.getString("kind")),
            row.getObject("target", UUID.class), OperationState.parse(row.getString("state")), row.getInt("attempts"),
            row.getString("reason"), row.getString("error"), Columns.instant(row, "not_before"),
            row.getString("claimed_by"), Columns.instant(row, "lease_until"), Columns.instant(row, "created_at"),
            Columns.instant(row, "started_at"), Columns.instant(row, "finished_at"),
            LocationQueue.parse(row.getString("location")));

    private final Jdbi jdbi;

    public JdbiOperationRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Operation enqueue(Operation operation) {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbi.useTransaction(handle -> {
                    handle.createUpdate(SUPERSEDE).bind("newId", operation.id().toString())
                            .bind("now", operation.createdAt()).bind("target", operation.target()).execute();
                    handle.createUpdate(INSERT).bind("id", operation.id()).bind("projectId", operation.projectId())
                            .bind("kind", operation.kind().wireName()).bind("target", operation.target())
                            .bind("reason", operation.reason()).bind("notBefore", operation.notBefore())
                            .bind("createdAt", operation.createdAt())
                            .bind("location", LocationQueue.nameOf(operation.location())).execute();
                });
                return operation;
            } catch (UnableToExecuteStatementException e) {
                // Two enqueues for one target raced past each other's supersede; the loser supersedes the winner.
                if (!UniqueViolation.isCause(e) || attempt == ENQUEUE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public List<Operation> claimDue(String holder, Instant now, Duration lease, int limit, int perLocation) {
        try {
            return jdbi.inTransaction(handle -> {
                handle.createQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(:key)) AS locked")
                        .bind("key", CLAIM_LOCK).mapTo(Long.class).one();
                return handle.createQuery(CLAIM).bind("holder", holder).bind("until", now.plus(lease))
                        .bind("now", now).bind("limit", limit).bind("perLocation", perLocation).map(MAPPER).list();
            });
        } catch (UnableToExecuteStatementException e) {
            // A second running operation for a target would break the unique index: claim nothing this time.
            if (UniqueViolation.isCause(e)) {
                return List.of();
            }
            throw e;
        }
    }

    @Override
    public void pause(Location location, Instant until, String reason, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate(PAUSE).bind("location", LocationQueue.nameOf(location))
                .bind("until", until).bind("reason", reason).bind("now", now).execute());
    }

    @Override
    public List<LocationQueue> summary(String projectId, Instant now, Instant failedSince) {
        return jdbi.withHandle(handle -> handle.createQuery(SUMMARY).bind("projectId", projectId)
                .bind("now", now).bind("failedSince", failedSince)
                .map((row, context) -> new LocationQueue(LocationQueue.parse(row.getString("location")),
                        row.getInt("queued"), row.getInt("running"), Columns.instant(row, "until"),
                        row.getString("reason"), row.getInt("failed")))
                .list());
    }

    @Override
    public boolean renew(UUID id, String holder, Instant leaseUntil) {
        return update("UPDATE operation SET lease_until = :leaseUntil" + BY_HOLDER, id, holder,
                update -> update.bind("leaseUntil", leaseUntil));
    }

    @Override
    public boolean complete(UUID id, String holder, Instant now) {
        return update("UPDATE operation SET state = 'succeeded', lease_until = NULL, finished_at = :now" + BY_HOLDER,
                id, holder, update -> update.bind("now", now));
    }

    @Override
    public boolean retryAt(UUID id, String holder, String error, Instant notBefore) {
        return update("UPDATE operation SET state = 'queued', claimed_by = NULL, lease_until = NULL, error = :error,"
                + " not_before = :notBefore" + BY_HOLDER, id, holder,
                update -> update.bind("error", error).bind("notBefore", notBefore));
    }

    @Override
    public boolean fail(UUID id, String holder, String error, Instant now) {
        return update("UPDATE operation SET state = 'failed', lease_until = NULL, error = :error, finished_at = :now"
                + BY_HOLDER, id, holder, update -> update.bind("error", error).bind("now", now));
    }

    @Override
    public boolean cancel(UUID id, String error, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE operation SET state = 'cancelled',"
                        + " error = :error, finished_at = :now WHERE id = :id AND state = 'queued'")
                .bind("id", id).bind("error", error).bind("now", now).execute()) == 1;
    }

    @Override
    public Optional<Operation> find(UUID id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM operation WHERE id = :id")
                .bind("id", id).map(MAPPER).findOne());
    }

    @Override
    public Optional<Operation> pending(UUID target) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM operation"
                        + " WHERE target = :target AND state IN ('queued', 'running')"
                        + " ORDER BY state = 'running' DESC LIMIT 1")
                .bind("target", target).map(MAPPER).findOne());
    }

    @Override
    public Map<UUID, Operation> pending(Collection<UUID> targets) {
        if (targets.isEmpty()) {
            return Map.of();
        }
        List<Operation> rows = jdbi.withHandle(handle -> handle.createQuery("SELECT DISTINCT ON (target) " + COLUMNS
                        + " FROM operation WHERE target = ANY(:targets) AND state IN ('queued', 'running')"
                        + " ORDER BY target, state = 'running' DESC")
                .bindArray("targets", UUID.class, targets).map(MAPPER).list());
        Map<UUID, Operation> pending = new LinkedHashMap<>();
        rows.forEach(op -> pending.put(op.target(), op));
        return pending;
    }

    @Override
    public List<Operation> list(OperationQuery query) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM operation"
                        + " WHERE project_id = :projectId"
                        + " AND (CAST(:target AS uuid) IS NULL OR target = CAST(:target AS uuid))"
                        + " AND (CAST(:state AS text) IS NULL OR state = :state)"
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("projectId", query.projectId()).bind("target", query.target())
                .bind("state", query.state() == null ? null : query.state().wireName())
                .bind("limit", query.limit()).map(MAPPER).list());
    }

    private boolean update(String sql, UUID id, String holder, UnaryOperator<Update> values) {
        return jdbi.withHandle(handle -> values.apply(handle.createUpdate(sql).bind("id", id).bind("holder", holder))
                .execute()) == 1;
    }
}
