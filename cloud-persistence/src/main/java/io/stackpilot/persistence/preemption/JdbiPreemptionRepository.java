package io.stackpilot.persistence.preemption;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.preemption.Eviction;
import io.stackpilot.core.preemption.PreemptionReason;
import io.stackpilot.core.preemption.PreemptionRepository;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Evictions in table {@code preemption}; a repeated id is ignored ({@code ON CONFLICT DO NOTHING}). Thread-safe. */
public final class JdbiPreemptionRepository implements PreemptionRepository {
    private static final String INSERT = """
            INSERT INTO preemption (id, project_id, victim_server_id, victim_name, victim_flavor, preempted_by,
                                    by_project_id, reason, preempted_at, cloud, region, operation_id)
            VALUES (:id, :projectId, :victimServerId, :victimName, :victimFlavor, :preemptedBy, :byProjectId,
                    :reason, :preemptedAt, :cloud, :region, :operationId)
            ON CONFLICT (id) DO NOTHING""";
    private static final String LIST = """
            SELECT * FROM preemption WHERE project_id = :projectId
            ORDER BY preempted_at DESC, id DESC LIMIT :limit""";

    private final Jdbi jdbi;

    public JdbiPreemptionRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void record(Eviction eviction) {
        jdbi.useHandle(handle -> handle.createUpdate(INSERT).bind("id", eviction.id())
                .bind("projectId", eviction.projectId()).bind("victimServerId", eviction.victimServerId())
                .bind("victimName", eviction.victimName()).bind("victimFlavor", eviction.victimFlavor())
                .bind("preemptedBy", eviction.preemptedBy()).bind("byProjectId", eviction.byProjectId())
                .bind("reason", eviction.reason().wireName())
                .bind("preemptedAt", Timestamp.from(eviction.preemptedAt()))
                .bind("cloud", eviction.location().cloud()).bind("region", eviction.location().region())
                .bind("operationId", eviction.operationId()).execute());
    }

    @Override
    public List<Eviction> listForProject(String projectId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery(LIST).bind("projectId", projectId).bind("limit", limit)
                .map((row, context) -> new Eviction(row.getObject("id", UUID.class), 
                        row.getString("victim_server_id"), row.getString("victim_name"),
                        row.getString("victim_flavor"), row.getString("project_id"), row.getString("preempted_by"),
                        row.getString("by_project_id"), PreemptionReason.fromWire(row.getString("reason")),
                        row.getTimestamp("preempted_at").toInstant(),
                        new Location(row.getString("cloud"), row.getString("region")),
                        row.getObject("operation_id", UUID.class))).list());
    }
}
