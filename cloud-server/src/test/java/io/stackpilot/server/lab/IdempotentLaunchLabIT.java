package io.stackpilot.server.lab;

import static io.stackpilot.server.lab.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 14.7 against the lab: a launch whose Nova answer is lost (the proxy holds it past the daemon's read timeout
 * of 8 s, after Nova booted the server) answers 504; the client's retry with the same Idempotency-Key answers 409
 * while the claim runs (6 read timeouts), then finds the server by its metadata and replays it. Nova then has
 * exactly one server of that name. Servers are named {@code access-idem-*} and always removed.
 */
@Tag("lab-parallel") // runs beside the others so tagged (cloud-server/pom.xml, lab profile)
class IdempotentLaunchLabIT {
    private static final Duration RETRY_FOR = Duration.ofSeconds(120);

    @Test
    void a_create_whose_nova_answer_times_out_and_its_retry_with_the_same_key_make_one_server() throws Exception {
        String name = "access-idem-" + UUID.randomUUID().toString().substring(0, 8);
        Lab.Login demo = Lab.login("demo", "demo", "Default");
        try (NovaBehindProxy proxy = new NovaBehindProxy(); RealServer server = RealServer.start(env(proxy),
                Duration.ofSeconds(60))) {
            String token = logIn(server);
            String launch = """
                    {"name": "%s", "flavor_id": "%s", "image_id": "%s", "network_ids": ["%s"]}""".formatted(name,
                    idOf(server, token, "flavors", "m1.tiny"), idOf(server, token, "images", "cirros-0.6-lab"),
                    idOf(server, token, "networks", "private"));
            Map<String, String> key = Map.of("Idempotency-Key", "access-" + UUID.randomUUID());

            proxy.holdNextBootAnswer(Duration.ofSeconds(20));
            assertProblem(server.send("POST", "/api/v1/servers", token, launch, key), 504, "upstream-timeout");
            assertProblem(server.send("POST", "/api/v1/servers", token, launch, key), 409, "conflict");

            HttpResponse<String> retried = retryWhileInProgress(server, token, launch, key);
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
            assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            List<String> inNova = novaServersNamed(demo, name);
            assertThat(inNova).as("servers Nova has named " + name).hasSize(1);
            assertThat(Lab.json(retried.body()).path("id").asText()).isEqualTo(inNova.getFirst());
        } finally {
            for (String id : novaServersNamed(demo, name)) {
                Lab.delete(demo.endpoint("compute") + "/servers/" + id, demo.token());
            }
        }
    }

    private static Map<String, String> env(NovaBehindProxy proxy) {
        Map<String, String> env = new HashMap<>(Lab.serviceAccount());
        env.putAll(Map.of("OS_AUTH_URL", proxy.authUrl(), "STACKPILOT_ALLOWED_PROJECTS", "demo",
                "STACKPILOT_OPENSTACK_READ_TIMEOUT", "PT8S", "STACKPILOT_LOGIN_RATE_LIMIT", "off"));
        return env;
    }

    private static HttpResponse<String> retryWhileInProgress(RealServer server, String token, String launch,
                                                             Map<String, String> key) throws InterruptedException {
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        while (true) {
            HttpResponse<String> answer = server.send("POST", "/api/v1/servers", token, launch, key);
            if (answer.statusCode() != 409 || System.nanoTime() > deadline) {
                return answer;
            }
            Thread.sleep(1000);
        }
    }

    private static String logIn(RealServer server) {
        HttpResponse<String> login = server.post("/api/v1/auth/tokens", null, """
                {"username": "demo", "password": "%s", "user_domain": "Default", "project": "demo", \
                "project_domain": "Default"}""".formatted(Lab.USER_PASSWORD));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        return Lab.json(login.body()).path("token").asText();
    }

    private static String idOf(RealServer server, String token, String kind, String name) {
        HttpResponse<String> list = server.get("/api/v1/" + kind, token);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        for (JsonNode item : Lab.json(list.body()).path(kind)) {
            if (item.path("name").asText().equals(name)) {
                return item.path("id").asText();
            }
        }
        throw new AssertionError("no " + name + " in " + kind);
    }

    private static List<String> novaServersNamed(Lab.Login login, String name) {
        List<String> ids = new ArrayList<>();
        String url = login.endpoint("compute") + "/servers?name=" + URLEncoder.encode("^" + name + "$",
                StandardCharsets.UTF_8);
        for (JsonNode server : Lab.get(url, login.token()).path("servers")) {
            ids.add(server.path("id").asText());
        }
        return ids;
    }
}
