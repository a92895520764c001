package io.stackpilot.server.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.server.config.InvalidConfigurationException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Locations against the lab's provider accounts ({@code deploy/openstack-lab/README.md}, "Regions and provider
 * accounts"): the clouds lab-east, lab-west and lab-north of the lab's clouds.yaml, each a project with an instance
 * quota of 3, in the regions RegionOne and RegionTwo of the real Keystone catalog. Creates nothing in the lab.
 */
class LocationsLabIT {
    private static final String CLOUDS_YAML = System.getenv().getOrDefault("LAB_DIR", "/tmp/openstack-lab")
            + "/clouds.yaml";

    private static Map<String, String> environment(String clouds, String regions) {
        Map<String, String> env = new HashMap<>(Lab.serviceAccount());
        env.put("STACKPILOT_ALLOWED_PROJECTS", "demo");
        env.put("OS_CLIENT_CONFIG_FILE", CLOUDS_YAML);
        env.put("STACKPILOT_CLOUDS", clouds);
        if (regions != null) {
            env.put("STACKPILOT_REGIONS", regions);
        }
        return env;
    }

    @Test
    void every_region_of_every_provider_account_is_a_location_with_its_quota_of_three() {
        try (RealServer server = RealServer.start(environment("lab-east,lab-west,lab-north", null),
                Duration.ofSeconds(60))) {
            String demo = Lab.login("demo", "demo", "Default").token();

            JsonNode locations = allAvailable(server, demo);
            List<String> names = new ArrayList<>();
            locations.forEach(location -> names.add(location.get("name").asText()));
            assertThat(names).containsExactly("lab-east/RegionOne", "lab-east/RegionTwo", "lab-west/RegionOne",
                    "lab-west/RegionTwo", "lab-north/RegionOne", "lab-north/RegionTwo");
            for (int i = 0; i < locations.size(); i++) {
                JsonNode location = locations.get(i);
                assertThat(location.get("priority").asInt()).isEqualTo(i + 1);
                assertThat(location.get("available").asBoolean()).as(location.toString()).isTrue();
                assertThat(location.get("limits").get("instances").get("limit").asInt()).as(location.toString())
                        .isEqualTo(3);
            }
        }
    }

    /**
     * The list once every location answered: a first list under load may find a location still logging in (it is
     * then reported unavailable after 10 s and its answer serves a later list), so this asks again for up to 3 min.
     */
    private static JsonNode allAvailable(RealServer server, String token) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            HttpResponse<String> response = server.get("/api/v1/locations", token);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode locations = Lab.json(response.body()).get("locations");
            boolean all = true;
            for (JsonNode location : locations) {
                all &= location.get("available").asBoolean();
            }
            if (all || System.nanoTime() > deadline) {
                return locations;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }

    @Test
    void stackpilot_regions_chooses_the_regions_and_their_order() {
        try (RealServer server = RealServer.start(environment("lab-west,lab-east",
                "lab-west:RegionTwo;lab-east:RegionOne"), Duration.ofSeconds(60))) {
            String demo = Lab.login("demo", "demo", "Default").token();

            JsonNode locations = Lab.json(server.get("/api/v1/locations", demo).body()).get("locations");

            assertThat(locations).extracting(location -> location.get("name").asText())
                    .containsExactly("lab-west/RegionTwo", "lab-east/RegionOne");
        }
    }

    @Test
    void an_unknown_cloud_and_a_region_not_in_the_catalog_stop_the_start_with_both_problems_in_one_message() {
        assertThatThrownBy(() -> RealServer.start(environment("lab-east,lab-nowhere", "lab-east:RegionThree"),
                Duration.ofSeconds(60)).close())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("cloud 'lab-nowhere' (STACKPILOT_CLOUDS) is not defined in " + CLOUDS_YAML)
                .hasMessageContaining("STACKPILOT_REGIONS: cloud 'lab-east' has no compute endpoint in region(s)"
                        + " [RegionThree]; its catalog has [RegionOne, RegionTwo]");
    }
}
