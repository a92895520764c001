package io.stackpilot.server.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 2's vertical slice through the whole server: the daemon as production wires it (real Keystone and Nova
 * adapters, real PostgreSQL) answers {@code GET /api/v1/flavors} for a demo token that the test got from Keystone
 * itself, with exactly the flavors Nova lists for that token.
 */
class FlavorsSliceServerLabIT {

    @Test
    void lists_exactly_the_flavors_nova_has_for_a_demo_keystone_token() {
        Map<String, String> env = new HashMap<>(Lab.serviceAccount());
        env.put("STACKPILOT_ALLOWED_PROJECTS", "demo");
        try (RealServer server = RealServer.start(env, Duration.ofSeconds(60))) {
            Lab.Login demo = Lab.login("demo", "demo", "Default");

            HttpResponse<String> answer = server.get("/api/v1/flavors", demo.token());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            Set<String> served = new HashSet<>();
            for (JsonNode flavor : Lab.json(answer.body()).path("flavors")) {
                served.add(describe(flavor.path("id"), flavor.path("name"), flavor.path("vcpus"),
                        flavor.path("ram_mb"), flavor.path("disk_gb")));
            }
            Set<String> inNova = novaFlavors(demo);
            System.out.printf("flavors slice: server %d flavors, Nova %d: %s%n", served.size(), inNova.size(),
                    inNova);
            assertThat(inNova).as("the lab's flavors").contains("1 m1.tiny 1 512 1", "2 m1.small 1 2048 20");
            assertThat(served).isEqualTo(inNova);

            DatabaseProbe.AuditRow audit = new DatabaseProbe(server.jdbcUrl()).auditRowOf(answer);
            assertThat(audit.status()).isEqualTo(200);
            assertThat(audit.route()).isEqualTo("/api/v1/flavors");
            assertThat(audit.userName()).isEqualTo("demo");
            assertThat(audit.projectName()).isEqualTo("demo");
        }
    }

    /** Nova's own list for the token, following its pagination links. */
    private static Set<String> novaFlavors(Lab.Login login) {
        Set<String> flavors = new HashSet<>();
        String next = login.endpoint("compute") + "/flavors/detail";
        while (next != null) {
            JsonNode page = Lab.get(next, login.token());
            for (JsonNode flavor : page.path("flavors")) {
                flavors.add(describe(flavor.path("id"), flavor.path("name"), flavor.path("vcpus"),
                        flavor.path("ram"), flavor.path("disk")));
            }
            next = null;
            for (JsonNode link : page.path("flavors_links")) {
                if (link.path("rel").asText().equals("next")) {
                    next = link.path("href").asText();
                }
            }
        }
        return flavors;
    }

    private static String describe(JsonNode id, JsonNode name, JsonNode vcpus, JsonNode ramMb, JsonNode diskGb) {
        return id.asText() + " " + name.asText() + " " + vcpus.asInt() + " " + ramMb.asInt() + " " + diskGb.asInt();
    }
}
