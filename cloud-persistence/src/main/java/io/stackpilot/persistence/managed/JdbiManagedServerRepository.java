package io.stackpilot.persistence.managed;

import io.stackpilot.core.common.Page;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.ManagedServerEvent;
import io.stackpilot.core.managed.ManagedServerRepository;
import io.stackpilot.core.managed.ManagedServerStatus;
import io.stackpilot.persistence.db.UniqueViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Managed servers in {@code managed_server}, events in {@code managed_server_event}. Reconcile claims are one
 * statement each: {@code UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED LIMIT n) RETURNING}, so replicas
 * that claim at once each get other rows and never wait for each other; a claimed row's due time is set to the end
 * of its lease, which is when another replica may take it over. Thread-safe.
 */
public final class JdbiManagedServerRepository implements ManagedServerRepository {
    private static final String SELECT = "SELECT " + ManagedServerRows.COLUMNS + " FROM managed_server ";
    private static final String INSERT = "INSERT INTO managed_server (" + ManagedServerRows.COLUMNS
            + ", next_reconcile_at) VALUES (:id, :projectId, :name, :managed, :reconcile, :generation, :flavorId,"
            + " :imageId, :networkIds, :flavorRef, :imageRef, :networkRefs, :preemptible, :updatePolicy, :placement,"
            + " :phase, :observedGeneration, :serverId, :serverStatus, CAST(:addresses AS jsonb), :cloud, :region,"
            + " CAST(:conditions AS jsonb), :lastReconciledAt, :createdAt, :updatedAt, :deletionRequestedAt,"
            + " CAST(:scheduleId AS uuid), CAST(:placementStatus AS jsonb), :updatedAt)";
    private static final String SAVE_INTENT = "UPDATE managed_server SET " + ManagedServerRows.INTENT_ASSIGNMENTS
            + ", next_reconcile_at = LEAST(next_reconcile_at, :updatedAt) WHERE id = :id RETURNING "
            + ManagedServerRows.COLUMNS;
    private static final String SAVE_STATUS = "UPDATE managed_server SET " + ManagedServerRows.STATUS_ASSIGNMENTS
            + " WHERE id = :id";
    private static final String CLAIM = """
            UPDATE managed_server SET claimed_by = :holder, claim_until = :until, next_reconcile_at = :until
            WHERE id IN (SELECT id FROM managed_server
                         WHERE next_reconcile_at <= :now AND (claim_until IS NULL OR claim_until <= :now)
                         ORDER BY next_reconcile_at LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING\s""" + ManagedServerRows.COLUMNS;
    // A due time moved before the claim's end while it was held is a change to look at soon: keep it.
    private static final String RELEASE = """
            UPDATE managed_server SET claimed_by = NULL, claim_until = NULL,
                next_reconcile_at = CASE WHEN next_reconcile_at < claim_until
                                         THEN LEAST(next_reconcile_at, :nextDue) ELSE :nextDue END
            WHERE id = :id AND claimed_by = :holder""";
    private static final String SAVE_AND_RELEASE = "UPDATE managed_server SET "
            + ManagedServerRows.STATUS_ASSIGNMENTS + ", claimed_by = NULL, claim_until = NULL,"
            + " next_reconcile_at = CASE WHEN next_reconcile_at < claim_until"
            + " THEN LEAST(next_reconcile_at, :nextDue) ELSE :nextDue END"
            + " WHERE id = :id AND claimed_by = :holder";
    private static final String DUE_BY =
            "UPDATE managed_server SET next_reconcile_at = LEAST(next_reconcile_at, :at) WHERE id = :id";
    private static final String APPEND_EVENT = """
            INSERT INTO managed_server_event (managed_server_id, at, reason, message, actor, operation_id)
            SELECT :id, :at, :reason, :message, :actor, CAST(:operationId AS uuid) WHERE EXISTS
                (SELECT 1 FROM managed_server WHERE id = :id)""";
    private static final String EVENTS = """
            SELECT managed_server_id, at, reason, message, actor, operation_id FROM managed_server_event
            WHERE managed_server_id = :id ORDER BY at DESC, id DESC LIMIT :limit""";

    private final Jdbi jdbi;

    public JdbiManagedServerRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public ManagedServer insert(ManagedServer server) {
        try {
            jdbi.useHandle(handle -> ManagedServerRows.bindStatus(ManagedServerRows.bindIntent(
                    handle.createUpdate(INSERT), server), server.status())
                    .bind("projectId", server.projectId()).bind("name", server.name())
                    .bind("createdAt", server.createdAt()).bind("scheduleId", server.scheduleId()).execute());
            return server;
        } catch (UnableToExecuteStatementException e) {
            if (UniqueViolation.isCause(e)) {
                throw new ConflictException("managed server " + server.name() + " or its server "
                        + server.status().serverId() + " is already known in this project");
            }
            throw e;
        }
    }

    @Override
    public Optional<ManagedServer> saveIntent(ManagedServer server) {
        return jdbi.withHandle(handle -> ManagedServerRows.bindIntent(handle.createQuery(SAVE_INTENT), server)
                .map(ManagedServerRows.MAPPER).findOne());
    }

    @Override
    public boolean saveStatus(UUID id, ManagedServerStatus status) {
        return jdbi.withHandle(handle -> ManagedServerRows.bindStatus(handle.createUpdate(SAVE_STATUS), status)
                .bind("id", id).execute()) == 1;
    }

    @Override
    public Optional<ManagedServer> find(String projectId, String name) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE project_id = :projectId AND name = :name")
                .bind("projectId", projectId).bind("name", name).map(ManagedServerRows.MAPPER).findOne());
    }

    @Override
    public Optional<ManagedServer> findById(UUID id) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE id = :id").bind("id", id)
                .map(ManagedServerRows.MAPPER).findOne());
    }

    @Override
    public List<ManagedServer> findByIds(java.util.Collection<UUID> ids) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE id = ANY(:ids)")
                .bindArray("ids", UUID.class, ids).map(ManagedServerRows.MAPPER).list());
    }

    @Override
    public Optional<ManagedServer> findByServerId(String projectId, String serverId) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT
                        + "WHERE project_id = :projectId AND server_id = :serverId")
                .bind("projectId", projectId).bind("serverId", serverId).map(ManagedServerRows.MAPPER).findOne());
    }

    @Override
    public Page<ManagedServer> list(String projectId, int limit, String afterName) {
        List<ManagedServer> rows = jdbi.withHandle(handle -> handle.createQuery(SELECT
                        + "WHERE project_id = :projectId AND (CAST(:after AS text) IS NULL OR name > :after)"
                        + " ORDER BY name LIMIT :limit")
                .bind("projectId", projectId).bind("after", afterName).bind("limit", limit + 1)
                .map(ManagedServerRows.MAPPER).list());
        List<ManagedServer> page = rows.subList(0, Math.min(limit, rows.size()));
        return new Page<>(page, rows.size() > limit ? page.getLast().name() : null);
    }

    @Override
    public boolean delete(UUID id) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM managed_server WHERE id = :id")
                .bind("id", id).execute()) == 1;
    }

    @Override
    public List<ManagedServer> claimDue(String holder, Instant now, Duration lease, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(CLAIM).bind("holder", holder)
                .bind("until", now.plus(lease)).bind("now", now).bind("limit", limit)
                .map(ManagedServerRows.MAPPER).list());
    }

    @Override
    public void release(UUID id, String holder, Instant nextDue) {
        jdbi.useHandle(handle -> handle.createUpdate(RELEASE).bind("id", id).bind("holder", holder)
                .bind("nextDue", nextDue).execute());
    }

    @Override
    public int saveStatusesAndRelease(String holder, Map<UUID, ManagedServerStatus> statuses, Instant nextDue) {
        if (statuses.isEmpty()) {
            return 0;
        }
        return jdbi.withHandle(handle -> {
            PreparedBatch batch = handle.prepareBatch(SAVE_AND_RELEASE);
            statuses.forEach((id, status) -> ManagedServerRows.bindStatus(batch, status).bind("id", id)
                    .bind("holder", holder).bind("nextDue", nextDue).add());
            return IntStream.of(batch.execute()).sum();
        });
    }

    @Override
    public void dueBy(UUID id, Instant at) {
        jdbi.useHandle(handle -> handle.createUpdate(DUE_BY).bind("id", id).bind("at", at).execute());
    }

    @Override
    public void appendEvent(ManagedServerEvent event) {
        jdbi.useHandle(handle -> handle.createUpdate(APPEND_EVENT).bind("id", event.managedServerId())
                .bind("at", event.at()).bind("reason", event.reason()).bind("message", event.message())
                .bind("actor", event.actor()).bind("operationId", event.operationId()).execute());
    }

    @Override
    public List<ManagedServerEvent> events(UUID id, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(EVENTS).bind("id", id).bind("limit", limit)
                .map((row, context) -> new ManagedServerEvent(row.getObject("managed_server_id", UUID.class),
                        io.stackpilot.persistence.db.Columns.instant(row, "at"), row.getString("reason"),
                        row.getString("message"), row.getString("actor"), row.getObject("operation_id", UUID.class)))
                .list());
    }
}
