package io.stackpilot.persistence.managed;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.ManagedServerSpec;
import io.stackpilot.core.managed.ManagedServerStatus;
import io.stackpilot.core.managed.Phase;
import io.stackpilot.core.managed.UpdatePolicy;
import io.stackpilot.persistence.db.Columns;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;

/** How a {@link ManagedServer} maps to a row of {@code managed_server} and back. */
final class ManagedServerRows {
    static final String COLUMNS = """
            id, project_id, name, managed, reconcile, generation, flavor_id, image_id, network_ids, flavor_ref,
            image_ref, network_refs, preemptible, update_policy, placement, phase, observed_generation, server_id,
            server_status, addresses, cloud, region, conditions, last_reconciled_at, created_at, updated_at,
            deletion_requested_at, schedule_id, placement_status""";
    static final String STATUS_ASSIGNMENTS = """
            phase = :phase, observed_generation = :observedGeneration, server_id = :serverId,
            server_status = :serverStatus, addresses = CAST(:addresses AS jsonb), cloud = :cloud, region = :region,
            conditions = CAST(:conditions AS jsonb), last_reconciled_at = :lastReconciledAt,
            placement_status = CAST(:placementStatus AS jsonb)""";
    static final String INTENT_ASSIGNMENTS = """
            managed = :managed, reconcile = :reconcile, generation = :generation, flavor_id = :flavorId,
            image_id = :imageId, network_ids = :networkIds, flavor_ref = :flavorRef, image_ref = :imageRef,
            network_refs = :networkRefs, preemptible = :preemptible, update_policy = :updatePolicy,
            placement = :placement, updated_at = :updatedAt, deletion_requested_at = :deletionRequestedAt""";

    static final RowMapper<ManagedServer> MAPPER = (row, context) -> new ManagedServer(
            row.getObject("id", UUID.class), row.getString("project_id"), row.getString("name"),
            row.getBoolean("managed"), row.getBoolean("reconcile"), spec(row), row.getLong("generation"),
            status(row), Columns.instant(row, "created_at"), Columns.instant(row, "updated_at"),
            Columns.instant(row, "deletion_requested_at"), row.getObject("schedule_id", UUID.class));

    private ManagedServerRows() {
    }

    static <S extends SqlStatement<S>> S bindIntent(S statement, ManagedServer server) {
        ManagedServerSpec spec = server.spec();
        return statement.bind("id", server.id())
                .bind("managed", server.managed())
                .bind("reconcile", server.reconcile())
                .bind("generation", server.generation())
                .bind("flavorId", spec.flavorId())
                .bind("imageId", spec.imageId())
                .bindArray("networkIds", String.class, spec.networkIds())
                .bind("flavorRef", spec.flavor())
                .bind("imageRef", spec.image())
                .bindArray("networkRefs", String.class, spec.networks())
                .bind("preemptible", spec.preemptible())
                .bind("updatePolicy", spec.updatePolicy().wireName())
                .bind("placement", spec.placement())
                .bind("updatedAt", server.updatedAt())
                .bind("deletionRequestedAt", server.deletionRequestedAt());
    }

    static <S extends SqlStatement<S>> S bindStatus(S statement, ManagedServerStatus status) {
        return statement.bind("phase", status.phase().name())
                .bind("observedGeneration", status.observedGeneration())
                .bind("serverId", status.serverId())
                .bind("serverStatus", status.serverStatus() == null ? null : status.serverStatus().name())
                .bind("addresses", StatusJson.addresses(status.addresses()))
                .bind("cloud", status.location() == null ? null : status.location().cloud())
                .bind("region", status.location() == null ? null : status.location().region())
                .bind("conditions", StatusJson.conditions(status.conditions()))
                .bind("lastReconciledAt", status.lastReconciledAt())
                .bind("placementStatus", StatusJson.placement(status.placement()));
    }

    private static ManagedServerSpec spec(ResultSet row) throws SQLException {
        return new ManagedServerSpec(row.getString("flavor_id"), row.getString("image_id"),
                strings(row.getArray("network_ids")), row.getString("flavor_ref"), row.getString("image_ref"),
                strings(row.getArray("network_refs")), row.getBoolean("preemptible"),
                UpdatePolicy.parse(row.getString("update_policy")), row.getString("placement"));
    }

    private static ManagedServerStatus status(ResultSet row) throws SQLException {
        String cloud = row.getString("cloud");
        String serverStatus = row.getString("server_status");
        return new ManagedServerStatus(Phase.valueOf(row.getString("phase")), row.getLong("observed_generation"),
                row.getString("server_id"), serverStatus == null ? null : ServerStatus.parse(serverStatus),
                StatusJson.addresses(row.getString("addresses")),
                cloud == null ? null : new Location(cloud, row.getString("region")),
                StatusJson.conditions(row.getString("conditions")), Columns.instant(row, "last_reconciled_at"),
                StatusJson.placement(row.getString("placement_status")));
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
