package io.stackpilot.persistence.operation;

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
 */
public final class JdbiOperationRepository implements OperationRepository {
    private static final String COLUMNS = "id, project_id, kind, target, state, attempts, reason, error, not_before,"
            + " claimed_by, lease_until, created_at, started_at, finished_at";
    private static final String SUPERSEDE = """
            UPDATE operation SET state = 'cancelled', error = 'superseded by ' || :newId, finished_at = :now
            WHERE target = :target AND state = 'queued'""";
    private static final String INSERT = "INSERT INTO operation (" + COLUMNS + ") VALUES (:id, :projectId, :kind,"
            + " :target, 'queued', 0, :reason, NULL, :notBefore, NULL, NULL, :createdAt, NULL, NULL)";
    private static final String CLAIM = """
            UPDATE operation SET state = 'running', claimed_by = :holder, lease_until = :until,
                attempts = attempts + 1, started_at = COALESCE(started_at, :now)
            WHERE id IN (SELECT candidate.id FROM operation candidate
                         WHERE (candidate.state = 'queued' AND candidate.not_before <= :now
                                AND NOT EXISTS (SELECT 1 FROM operation other WHERE other.target = candidate.target
                                                AND other.state = 'running'))
                            OR (candidate.state = 'running' AND candidate.lease_until <= :now)
                         ORDER BY candidate.not_before, candidate.created_at
                         LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING\s""" + COLUMNS;
    private static final String BY_HOLDER = " WHERE id = :id AND state = 'running' AND claimed_by = :holder";
    private static final int ENQUEUE_ATTEMPTS = 3;
    private static final RowMapper<Operation> MAPPER = (row, context) -> new Operation(
            row.getObject("id", UUID.class), row.getString("project_id"),
            OperationKind.parse(row.getString("kind")),
            row.getObject("target", UUID.class), OperationState.parse(row.getString("state")), row.getInt("attempts"),
            row.getString("reason"), row.getString("error"), Columns.instant(row, "not_before"),
            row.getString("claimed_by"), Columns.instant(row, "lease_until"), Columns.instant(row, "created_at"),
            Columns.instant(row, "started_at"), Columns.instant(row, "finished_at"));

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
                            .bind("createdAt", operation.createdAt()).execute();
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
    public List<Operation> claimDue(String holder, Instant now, Duration lease, int limit) {
        try {
            return jdbi.withHandle(handle -> handle.createQuery(CLAIM).bind("holder", holder)
                    .bind("until", now.plus(lease)).bind("now", now).bind("limit", limit).map(MAPPER).list());
        } catch (UnableToExecuteStatementException e) {
            // A second running operation for a target would break the unique index: claim nothing this time.
            if (UniqueViolation.isCause(e)) {
                return List.of();
            }
            throw e;
        }
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
