package io.stackpilot.server.lab;

import static io.stackpilot.server.lab.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A cloud user's journey through the v1 API of the daemon as production wires it, against the lab: log in, look at
 * flavors, images and networks, launch (twice with one Idempotency-Key), wait for ACTIVE, see the server with the
 * addresses Nova gave it, remove it. Around it: another project does not see it, a project outside the allowlist
 * is refused, invalid launches are 400 problems. Every request must leave an audit row with its status, and no token
 * or submitted password may be stored anywhere in the database. Servers are named {@code jr-*} and always removed.
 */
@Tag("lab-parallel") // runs beside the others so tagged (cloud-server/pom.xml, lab profile)
@ExtendWith(SharedLabDaemon.class) // the daemon of this JVM's lab tests with demo and alt-demo allowed
class JourneyLabIT {
    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration GONE_TIMEOUT = Duration.ofSeconds(120);
    private static RealServer server;
    private static DatabaseProbe database;

    @BeforeAll
    static void start(RealServer shared) {
        server = shared;
        database = new DatabaseProbe(server.jdbcUrl());
    }

    @Test
    void demo_logs_in_browses_launches_sees_and_removes_a_server() {
        List<HttpResponse<String>> sent = new ArrayList<>();
        long start = System.nanoTime();
        String token = logIn("demo", "Default", "demo", sent);
        String flavor = idOf(expectOk(server.get("/api/v1/flavors", token), sent), "flavors", "m1.tiny");
        String image = idOf(expectOk(server.get("/api/v1/images", token), sent), "images", "cirros-0.6-lab");
        String network = idOf(expectOk(server.get("/api/v1/networks", token), sent), "networks", "private");
        String name = "jr-journey-" + UUID.randomUUID().toString().substring(0, 8);
        String launch = """
                {"name": "%s", "flavor_id": "%s", "image_id": "%s", "network_ids": ["%s"]}"""
                .formatted(name, flavor, image, network);
        Map<String, String> key = Map.of("Idempotency-Key", "jr-" + UUID.randomUUID());
        String id = null;
        Lab.Login demo = Lab.login("demo", "demo", "Default");
        try {
            HttpResponse<String> launched = record(server.send("POST", "/api/v1/servers", token, launch, key), sent);
            assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
            id = Lab.json(launched.body()).path("id").asText();
            assertThat(launched.headers().firstValue("Location")).hasValue("/api/v1/servers/" + id);
            long launchedAt = System.nanoTime();

            HttpResponse<String> again = record(server.send("POST", "/api/v1/servers", token, launch, key), sent);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
            assertThat(Lab.json(again.body()).path("id").asText()).isEqualTo(id);
            assertThat(again.headers().firstValue("Location")).hasValue("/api/v1/servers/" + id);
            assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");

            JsonNode active = awaitActive(id, token, sent);
            Duration toActive = Duration.ofNanos(System.nanoTime() - launchedAt);
            assertThat(active.path("name").asText()).isEqualTo(name);
            assertThat(active.path("flavor").path("id").asText()).isEqualTo(flavor);
            assertThat(active.path("image").path("id").asText()).isEqualTo(image);

            String altToken = logIn("alt-demo", "Default", "alt-demo", sent);
            assertProblem(record(server.get("/api/v1/servers/" + id, altToken), sent), 404, "not-found");
            assertProblem(record(server.delete("/api/v1/servers/" + id, altToken), sent), 404, "not-found");

            JsonNode listed = listedServer(expectOk(server.get("/api/v1/servers?name=" + name, token), sent), name);
            Set<String> novaIps = novaAddresses(demo, id);
            assertThat(novaIps).as("Nova's addresses").anyMatch(ip -> ip.startsWith("10.0.0."));
            assertThat(addresses(listed)).isEqualTo(novaIps);
            for (JsonNode address : listed.path("addresses")) {
                assertThat(address.path("network").asText()).isEqualTo("private");
                assertThat(address.path("version").asInt()).isIn(4, 6);
            }
            assertThat(novaServersNamed(demo, name)).as("servers Nova has with the journey's name").isEqualTo(1);

            HttpResponse<String> deleted = record(server.delete("/api/v1/servers/" + id, token), sent);
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(202);
            HttpResponse<String> gone = awaitGone(id, token, sent);
            assertProblem(gone, 404, "not-found");
            id = null;
            System.out.printf("journey: %d requests in %d ms; launch to ACTIVE %d ms; addresses %s%n", sent.size(),
                    Duration.ofNanos(System.nanoTime() - start).toMillis(), toActive.toMillis(), novaIps);

            assertAudited(sent);
            assertNoneStored(token, altToken);
        } finally {
            if (id != null) {
                Lab.delete(demo.endpoint("compute") + "/servers/" + id, demo.token());
            }
        }
    }

    @Test
    void a_project_outside_the_allowlist_is_forbidden() {
        List<HttpResponse<String>> sent = new ArrayList<>();
        String partnerLogin = """
                {"username": "partner-user", "password": "%s", "user_domain": "partner", "project": "partner-a", \
                "project_domain": "partner"}""".formatted(Lab.USER_PASSWORD);
        assertProblem(record(server.post("/api/v1/auth/tokens", null, partnerLogin), sent), 403, "forbidden");
        String partnerToken = Lab.login("partner-user", "partner-a", "partner").token();

        assertProblem(record(server.get("/api/v1/flavors", partnerToken), sent), 403, "forbidden");
        assertProblem(record(server.get("/api/v1/servers", partnerToken), sent), 403, "forbidden");
        assertProblem(record(server.get("/api/v1/flavors", "jr-not-a-token-" + UUID.randomUUID()), sent), 401,
                "unauthenticated");

        assertAudited(sent);
        assertNoneStored(partnerToken);
    }

    @Test
    void invalid_launches_are_400_problems_and_create_nothing() {
        List<HttpResponse<String>> sent = new ArrayList<>();
        String token = logIn("demo", "Default", "demo", sent);
        String image = idOf(expectOk(server.get("/api/v1/images", token), sent), "images", "cirros-0.6-lab");
        String network = idOf(expectOk(server.get("/api/v1/networks", token), sent), "networks", "private");
        String name = "jr-invalid-" + UUID.randomUUID().toString().substring(0, 8);

        JsonNode badJson = assertProblem(record(server.post("/api/v1/servers", token, "{\"name\": \"" + name + "\","),
                sent), 400, "invalid-request");
        JsonNode missing = assertProblem(record(server.post("/api/v1/servers", token, "{\"name\": \"" + name + "\"}"),
                sent), 400, "invalid-request");
        JsonNode unknownFlavor = assertProblem(record(server.post("/api/v1/servers", token, """
                {"name": "%s", "flavor_id": "jr-no-such-flavor", "image_id": "%s", "network_ids": ["%s"]}"""
                .formatted(name, image, network)), sent), 400, "invalid-request");

        assertThat(fields(badJson)).containsExactly("body");
        assertThat(fields(missing)).contains("flavor_id", "image_id", "network_ids");
        assertThat(fields(unknownFlavor)).containsExactly("flavor_id");
        Lab.Login demo = Lab.login("demo", "demo", "Default");
        assertThat(novaServersNamed(demo, name)).as("servers created by invalid launches").isZero();
        assertAudited(sent);
        assertNoneStored(token);
    }

    @Test
    void a_submitted_password_is_stored_nowhere() {
        List<HttpResponse<String>> sent = new ArrayList<>();
        // The lab's passwords equal user names ("demo"), which the audit log rightly holds; so a distinctive wrong
        // password, in the body and in the query string, stands for any password.
        String password = "jr-Pa55-" + UUID.randomUUID();
        String login = """
                {"username": "demo", "password": "%s", "project": "demo"}""".formatted(password);
        assertProblem(record(server.post("/api/v1/auth/tokens", null, login), sent), 401, "unauthenticated");
        assertProblem(record(server.post("/api/v1/auth/tokens?password=" + password, null, login), sent), 401,
                "unauthenticated");

        assertAudited(sent);
        assertNoneStored(password);
    }

    private static String logIn(String user, String domain, String project, List<HttpResponse<String>> sent) {
        HttpResponse<String> login = record(server.post("/api/v1/auth/tokens", null, """
                {"username": "%s", "password": "%s", "user_domain": "%s", "project": "%s", "project_domain": "%s"}"""
                .formatted(user, Lab.USER_PASSWORD, domain, project, domain)), sent);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        String token = Lab.json(login.body()).path("token").asText();
        assertThat(token).isNotBlank();
        return token;
    }

    private static JsonNode awaitActive(String id, String token, List<HttpResponse<String>> sent) {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> shown = record(server.get("/api/v1/servers/" + id, token), sent);
            assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
            JsonNode body = Lab.json(shown.body());
            String status = body.path("status").asText();
            assertThat(status).as("status while waiting for ACTIVE").isNotEqualTo("ERROR");
            if (status.equals("ACTIVE")) {
                return body;
            }
            assertThat(System.nanoTime()).as("ACTIVE within " + ACTIVE_TIMEOUT + ", still " + status)
                    .isLessThan(deadline);
            pause(Duration.ofMillis(500));
        }
    }

    private static HttpResponse<String> awaitGone(String id, String token, List<HttpResponse<String>> sent) {
        long deadline = System.nanoTime() + GONE_TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> shown = record(server.get("/api/v1/servers/" + id, token), sent);
            if (shown.statusCode() == 404) {
                return shown;
            }
            assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
            assertThat(System.nanoTime()).as("gone within " + GONE_TIMEOUT).isLessThan(deadline);
            pause(Duration.ofMillis(500));
        }
    }

    /** Every request of the list has exactly its audit row, with the status the caller got. */
    private static void assertAudited(List<HttpResponse<String>> sent) {
        for (HttpResponse<String> response : sent) {
            DatabaseProbe.AuditRow row = database.auditRowOf(response);
            assertThat(row.status()).as("audited status of " + row).isEqualTo(response.statusCode());
            assertThat(row.method()).isEqualTo(response.request().method());
        }
    }

    /** None of the secrets occurs in any table; the scan itself is shown to find what is there (a request id). */
    private static void assertNoneStored(String... secrets) {
        assertThat(database.tablesContaining("jr-")).as("the scan finds stored request ids").contains("api_request");
        assertThat(database.tables()).contains("api_request", "idempotency_key", "lease", "server_count_sample");
        for (String secret : secrets) {
            assertThat(database.tablesContaining(secret)).as("tables holding a secret").isEmpty();
        }
    }

    private static HttpResponse<String> expectOk(HttpResponse<String> response, List<HttpResponse<String>> sent) {
        record(response, sent);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static HttpResponse<String> record(HttpResponse<String> response, List<HttpResponse<String>> sent) {
        sent.add(response);
        return response;
    }

    private static String idOf(HttpResponse<String> response, String list, String name) {
        for (JsonNode item : Lab.json(response.body()).path(list)) {
            if (item.path("name").asText().equals(name)) {
                return item.path("id").asText();
            }
        }
        throw new AssertionError("no " + name + " in " + response.body());
    }

    private static JsonNode listedServer(HttpResponse<String> response, String name) {
        List<JsonNode> named = new ArrayList<>();
        Lab.json(response.body()).path("servers").forEach(s -> {
            if (s.path("name").asText().equals(name)) {
                named.add(s);
            }
        });
        assertThat(named).as("listed servers named " + name).hasSize(1);
        return named.getFirst();
    }

    private static Set<String> addresses(JsonNode server) {
        Set<String> ips = new TreeSet<>();
        server.path("addresses").forEach(address -> ips.add(address.path("ip").asText()));
        return ips;
    }

    private static Set<String> novaAddresses(Lab.Login login, String id) {
        Set<String> ips = new TreeSet<>();
        JsonNode networks = Lab.get(login.endpoint("compute") + "/servers/" + id, login.token())
                .path("server").path("addresses");
        networks.forEach(addresses -> addresses.forEach(address -> ips.add(address.path("addr").asText())));
        return ips;
    }

    private static int novaServersNamed(Lab.Login login, String name) {
        return Lab.get(login.endpoint("compute") + "/servers?name=%5E" + name + "%24", login.token())
                .path("servers").size();
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
