package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.testing.TestData;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocationApiTest {
    private static final Location EAST = new Location("lab-east", "RegionOne");
    private static final Location WEST = new Location("lab-west", "RegionTwo");
    private final TestServer app = TestServer.start();

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void lists_every_location_with_priority_and_the_limits_and_use_of_its_service_account() {
        app.locations.add(EAST, new ComputeLimits(3, 2, 20, 2, 51200, 1024));

        HttpResponse<String> response = app.get("/api/v1/locations", app.token(TestData.demo()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        JsonNode locations = TestServer.json(response).get("locations");
        assertThat(locations).hasSize(2);
        JsonNode east = locations.get(1);
        assertThat(east.fieldNames()).toIterable().containsExactly("name", "cloud", "region", "available",
                "priority", "checked_at", "limits", "unavailable_reason");
        assertThat(east.get("name").asText()).isEqualTo("lab-east/RegionOne");
        assertThat(east.get("cloud").asText()).isEqualTo("lab-east");
        assertThat(east.get("region").asText()).isEqualTo("RegionOne");
        assertThat(east.get("available").asBoolean()).isTrue();
        assertThat(east.get("priority").asInt()).isEqualTo(2);
        assertThat(east.get("limits").toString()).isEqualTo("{\"instances\":{\"limit\":3,\"used\":2},"
                + "\"cores\":{\"limit\":20,\"used\":2},\"ram_mb\":{\"limit\":51200,\"used\":1024}}");
        assertThat(east.get("unavailable_reason").isNull()).isTrue();
        assertThat(locations.get(0).get("name").asText()).isEqualTo(Location.DEFAULT.cloud() + "/"
                + Location.DEFAULT.region());
    }

    @Test
    void a_location_that_is_down_is_listed_as_unavailable_with_the_reason_and_the_answer_is_still_200() {
        app.locations.add(WEST, new ComputeLimits(3, 0, 20, 0, 51200, 0));
        app.locations.setDown(WEST, true);

        HttpResponse<String> response = app.get("/api/v1/locations", app.token(TestData.demo()));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode west = TestServer.json(response).get("locations").get(1);
        assertThat(west.get("available").asBoolean()).isFalse();
        assertThat(west.get("limits").isNull()).isTrue();
        assertThat(west.get("unavailable_reason").asText()).contains("lab-west/RegionTwo unreachable");
        assertThat(TestServer.json(response).get("locations").get(0).get("available").asBoolean()).isTrue();
    }

    @Test
    void the_engine_and_the_api_share_one_view_of_the_locations_so_the_clouds_are_asked_once_per_ttl() {
        app.locations.add(EAST, new ComputeLimits(3, 0, 20, 0, 51200, 0));
        String demo = app.token(TestData.demo());
        HttpResponse<String> declared = app.send("PUT", "/api/v1/managed-servers/web-1", demo,
                ManagedServerApiTest.SPEC.replace("}", ",\"placement\":{\"locations\":[\"lab-east/RegionOne\"]}}"),
                Map.of("Content-Type", "application/json"));
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);

        app.wiring.engineLoop().runUntilIdle();
        int askedByTheEngine = app.locations.calls();
        HttpResponse<String> listed = app.get("/api/v1/locations", demo);

        assertThat(askedByTheEngine).as("the placement asked the locations' /limits").isPositive();
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(listed).get("locations").get(1).get("available").asBoolean()).isTrue();
        assertThat(app.locations.calls()).as("the list answers from the engine's fresh look")
                .isEqualTo(askedByTheEngine);
    }

    @Test
    void needs_a_token() {
        assertThat(app.get("/api/v1/locations", null).statusCode()).isEqualTo(401);
    }
}
