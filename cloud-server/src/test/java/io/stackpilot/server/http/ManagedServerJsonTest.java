package io.stackpilot.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.ManagedServerSpec;
import io.stackpilot.core.managed.ManagedServerStatus;
import io.stackpilot.core.managed.Phase;
import io.stackpilot.core.managed.UpdatePolicy;
import io.stackpilot.core.placement.Placement;
import io.stackpilot.core.placement.PlacementStatus;
import io.stackpilot.core.placement.Tried;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ManagedServerJsonTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void status_placement_names_the_location_the_strategy_and_each_location_tried_with_reason_and_time() {
        JsonNode json = json(status().withPlacement(new PlacementStatus("lab-west/RegionOne",
                Placement.Strategy.SPREAD, List.of(new Tried("lab-east/RegionOne",
                        "the VM found no host (No valid host was found)", NOW.minusSeconds(30))))));

        JsonNode placement = json.path("status").path("placement");
        assertThat(placement.path("location").asText()).isEqualTo("lab-west/RegionOne");
        assertThat(placement.path("strategy").asText()).isEqualTo("spread");
        assertThat(placement.path("tried")).singleElement().satisfies(tried -> {
            assertThat(tried.path("location").asText()).isEqualTo("lab-east/RegionOne");
            assertThat(tried.path("reason").asText()).startsWith("the VM found no host");
            assertThat(tried.path("at").asText()).isEqualTo("2026-12-01T09:59:30Z");
        });
    }

    @Test
    void a_server_without_a_placement_shows_placement_null() {
        JsonNode json = json(status());

        assertThat(json.path("status").has("placement")).isTrue();
        assertThat(json.path("status").path("placement").isNull()).isTrue();
    }

    private static ManagedServerStatus status() {
        return new ManagedServerStatus(Phase.READY, 1, "vm-1", ServerStatus.ACTIVE, List.of(),
                new Location("lab-west", "RegionOne"), List.of(), NOW);
    }

    private static JsonNode json(ManagedServerStatus status) {
        ManagedServerSpec spec = new ManagedServerSpec("1", "image-id", List.of("net-id"), "m1.tiny", "cirros",
                List.of("private"), false, UpdatePolicy.MANUAL, "{\"locations\":\"any\",\"strategy\":\"spread\"}");
        ManagedServer server = new ManagedServer(UUID.randomUUID(), "demo", "web", true, true, spec, 1, status, NOW,
                NOW, null, null);
        return ApiJsonMapper.mapper().valueToTree(ManagedServerJson.of(server));
    }
}
