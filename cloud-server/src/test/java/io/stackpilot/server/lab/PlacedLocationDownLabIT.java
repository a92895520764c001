package io.stackpilot.server.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A placed managed server whose location goes down (issue 17) does not hold up its project: {@code down-placed}
 * runs in {@code down-proxied/RegionOne} (the lab's admin account, its Nova reached through a {@link FaultProxy});
 * with the proxy closed it keeps its VM and phase and gets {@code Observed=false LocationUnavailable}, while
 * {@code down-home}, declared in the caller's own cloud meanwhile, is booted and Ready; reopened, the condition
 * goes. Creates two VMs named down-... (one in demo, one in admin), deleted at the end.
 */
class PlacedLocationDownLabIT {
    private static final String PROXIED = "down-proxied/RegionOne";
    private static final Duration CONVERGE = Duration.ofMinutes(4);
    private static final String SPEC = "{\"flavor\":\"m1.tiny\",\"image\":\"cirros-0.6-lab\",\"networks\":"
            + "[\"public\"]PLACEMENT}";

    @TempDir
    Path dir;

    private RealServer server;
    private String demo;

    @Test
    void a_placed_server_whose_location_is_down_says_so_and_its_project_still_reconciles() {
        try (FaultProxy nova = new FaultProxy(8774);
             RealServer started = RealServer.start(environment(nova), Duration.ofSeconds(60))) {
            server = started;
            demo = Lab.login("demo", "demo", "Default").token();
            try {
                put("down-placed", ",\"placement\":{\"locations\":[\"" + PROXIED + "\"]}");
                JsonNode placed = await("down-placed", r -> phase(r).equals("Ready"));
                assertThat(placed.path("status").path("placement").path("location").asText()).isEqualTo(PROXIED);

                nova.mode(FaultProxy.Mode.RESET);
                put("down-home", "");
                JsonNode home = await("down-home", r -> phase(r).equals("Ready"));
                assertThat(home.path("status").path("placement").isNull()).isTrue();
                JsonNode blind = await("down-placed", r -> observed(r) != null);
                assertThat(phase(blind)).isEqualTo("Ready");
                assertThat(observed(blind).path("status").asBoolean()).isFalse();
                assertThat(observed(blind).path("reason").asText()).isEqualTo("LocationUnavailable");
                assertThat(observed(blind).path("message").asText())
                        .startsWith("location " + PROXIED + " is unavailable: ");

                nova.mode(FaultProxy.Mode.PASS);
                JsonNode back = await("down-placed", r -> observed(r) == null);
                assertThat(phase(back)).isEqualTo("Ready");
                assertThat(back.path("status").path("server_id").asText())
                        .isEqualTo(placed.path("status").path("server_id").asText());
            } finally {
                nova.mode(FaultProxy.Mode.PASS);
                server.delete("/api/v1/managed-servers/down-placed", demo);
                server.delete("/api/v1/managed-servers/down-home", demo);
                awaitGone("down-placed");
                awaitGone("down-home");
            }
        }
    }

    private Map<String, String> environment(FaultProxy nova) {
        Map<String, String> env = Lab.withProxiedLocation(dir, "down-proxied", nova.port());
        env.put("STACKPILOT_RECONCILE_INTERVAL", "PT3S");
        env.put("STACKPILOT_LOGIN_RATE_LIMIT", "off");
        return env;
    }

    private void put(String name, String placement) {
        HttpResponse<String> declared = server.send("PUT", "/api/v1/managed-servers/" + name, demo,
                SPEC.replace("PLACEMENT", placement), Map.of());
        assertThat(declared.statusCode()).as(declared.body()).isIn(200, 201);
    }

    private JsonNode await(String name, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = server.get("/api/v1/managed-servers/" + name, demo);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            last = Lab.json(response.body());
            if (condition.test(last)) {
                return last;
            }
            sleep(Duration.ofSeconds(1));
        }
        throw new AssertionError(name + " never converged; last " + last + "\nevents "
                + server.get("/api/v1/managed-servers/" + name + "/events", demo).body());
    }

    private void awaitGone(String name) {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (System.nanoTime() < deadline) {
            if (server.get("/api/v1/managed-servers/" + name, demo).statusCode() == 404) {
                return;
            }
            sleep(Duration.ofSeconds(1));
        }
        throw new AssertionError(name + " was never deleted");
    }

    /** The {@code Observed} condition, or null when there is none. */
    private static JsonNode observed(JsonNode resource) {
        for (JsonNode condition : resource.path("status").path("conditions")) {
            if (condition.path("type").asText().equals("Observed")) {
                return condition;
            }
        }
        return null;
    }

    private static String phase(JsonNode resource) {
        return resource.path("status").path("phase").asText();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
