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
 * A location that goes away (issue 17): two locations against the lab, the identity cloud's RegionOne (the caller's
 * token) and {@code across-proxied}, the lab's admin account whose Nova is reached through a {@link FaultProxy}
 * ({@code compute_endpoint_override} in this test's clouds.yaml). Closed (reset) or black-holed, the proxied location
 * is named unavailable by {@code GET /api/v1/servers?location=all} and {@code GET /api/v1/locations} while the
 * identity cloud's location still answers, within the list's one deadline (10 s) and never longer; reopened, it is
 * used again. Creates nothing in the lab.
 */
class LocationUnavailableLabIT {
    private static final String PROXIED = "across-proxied/RegionOne";
    private static final String HOME = "default/RegionOne";
    /** The list's deadline ({@code LocationFanOut.DEFAULT_ANSWER_WITHIN}) plus room for a loaded machine. */
    private static final Duration BOUND = Duration.ofSeconds(10 + 8);

    @TempDir
    Path dir;

    private Map<String, String> environment(FaultProxy nova) {
        return Lab.withProxiedLocation(dir, "across-proxied", nova.port());
    }

    @Test
    void a_location_whose_nova_is_closed_or_black_holed_is_named_unavailable_and_is_used_again_when_it_returns() {
        try (FaultProxy nova = new FaultProxy(8774);
             RealServer server = RealServer.start(environment(nova), Duration.ofSeconds(60))) {
            String demo = Lab.login("demo", "demo", "Default").token();

            // The proxied location's first list logs its service account in: on a loaded machine that may take longer
            // than the deadline (the location is then named unavailable), so the list is asked until it answers.
            Timed open = untilAllAnswer(server, demo, Duration.ofMinutes(3));
            assertThat(open.body().get("unavailable")).as(open.body().toString()).isEmpty();
            assertThat(locationNamed(server, demo, PROXIED, location -> location.get("available").asBoolean()))
                    .isTrue();

            nova.mode(FaultProxy.Mode.RESET);
            Timed closed = list(server, demo);
            assertThat(unavailable(closed.body())).as(closed.body().toString()).containsExactly(PROXIED);
            assertThat(closed.took()).isLessThan(BOUND);
            assertThat(locationNamed(server, demo, PROXIED, location -> !location.get("available").asBoolean()))
                    .isTrue();
            assertThat(locationNamed(server, demo, HOME, location -> location.get("available").asBoolean()))
                    .isTrue();

            nova.mode(FaultProxy.Mode.HALF_OPEN);
            Timed silent = list(server, demo);
            assertThat(silent.body().get("unavailable")).as(silent.body().toString()).singleElement()
                    .satisfies(entry -> {
                        assertThat(entry.get("location").asText()).isEqualTo(PROXIED);
                        assertThat(entry.get("reason").asText()).isEqualTo("no answer within 10 s");
                    });
            assertThat(silent.took()).isLessThan(BOUND);
            System.out.printf("LOCATION-UNAVAILABLE open=%d ms reset=%d ms black-holed=%d ms%n",
                    open.took().toMillis(), closed.took().toMillis(), silent.took().toMillis());

            nova.mode(FaultProxy.Mode.PASS);
            Timed back = untilAllAnswer(server, demo, Duration.ofMinutes(3));
            assertThat(back.body().get("unavailable")).as(back.body().toString()).isEmpty();
            assertThat(locationNamed(server, demo, PROXIED, location -> location.get("available").asBoolean()))
                    .isTrue();
        }
    }

    private record Timed(JsonNode body, Duration took) {
    }

    private static Timed untilAllAnswer(RealServer server, String token, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        Timed answer = list(server, token);
        while (!answer.body().get("unavailable").isEmpty() && System.nanoTime() < deadline) {
            answer = list(server, token);
        }
        return answer;
    }

    /** {@code GET /api/v1/servers?location=all}: 200 with the identity cloud's location answering, and its time. */
    private static Timed list(RealServer server, String token) {
        long start = System.nanoTime();
        HttpResponse<String> response = server.get("/api/v1/servers?location=all", token);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = Lab.json(response.body());
        assertThat(unavailable(body)).doesNotContain(HOME);
        body.get("servers").forEach(row -> assertThat(row.get("cloud").asText() + "/" + row.get("region").asText())
                .isIn(HOME, PROXIED));
        return new Timed(body, took);
    }

    private static java.util.List<String> unavailable(JsonNode body) {
        java.util.List<String> names = new java.util.ArrayList<>();
        body.get("unavailable").forEach(entry -> names.add(entry.get("location").asText()));
        return names;
    }

    /**
     * Whether {@code GET /api/v1/locations} comes to show the location as {@code wanted} within 60 s (its answers are
     * kept 10 s, so a change shows on a later list).
     */
    private static boolean locationNamed(RealServer server, String token, String name, Predicate<JsonNode> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = server.get("/api/v1/locations", token);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            for (JsonNode location : Lab.json(response.body()).get("locations")) {
                if (location.get("name").asText().equals(name) && wanted.test(location)) {
                    return true;
                }
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
