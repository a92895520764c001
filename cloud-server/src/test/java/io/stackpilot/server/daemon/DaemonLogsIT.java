package io.stackpilot.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestDatabases;
import io.stackpilot.server.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daemon in-process over the stub cloud: its log is JSON lines and never carries a secret. */
class DaemonLogsIT {
    private static final String DB_PASSWORD = "Db-S3cret-41c7";
    private static final String WRONG_PASSWORD = "Wrong-Pa55-b9e2";
    private static final String USER_DATA_SECRET = "user-data-S3cret-5d1a";
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void writes_json_lines_without_passwords_or_tokens() throws Exception {
        String log;
        try (StubCloud cloud = new StubCloud(); TestDatabase database = TestDatabases.embedded().createEmptyDatabase()) {
            Map<String, String> env = new HashMap<>(cloud.serviceAccount());
            env.putAll(Map.of("STACKPILOT_PORT", "0", "STACKPILOT_BIND_ADDRESS", "127.0.0.1",
                    "STACKPILOT_ALLOWED_DOMAINS", "Default", "STACKPILOT_DB_URL", database.jdbcUrl(),
                    "STACKPILOT_DB_PASSWORD", DB_PASSWORD, "STACKPILOT_LOG_FORMAT", "json",
                    "STACKPILOT_LOG_LEVEL", "debug", "STACKPILOT_STATS_INTERVAL", "PT5S",
                    "STACKPILOT_REPLICA_ID", "logs-it"));
            log = captureStandardOutput(() -> exercise(env));
        }
        assertThat(log).contains("listening on").contains("stopped");
        assertThat(log).doesNotContain(StubCloud.PASSWORD).doesNotContain(StubCloud.TOKEN)
                .doesNotContain(WRONG_PASSWORD).doesNotContain(DB_PASSWORD).doesNotContain(USER_DATA_SECRET);
        List<String> lines = log.lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).hasSizeGreaterThan(3);
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            assertThat(event.fieldNames()).toIterable().contains("ts", "level", "logger", "thread", "message");
        }
    }

    private void exercise(Map<String, String> env) {
        Main.Daemon daemon = Main.Daemon.start(env, Clock.systemUTC());
        try {
            String base = "http://127.0.0.1:" + daemon.server().port();
            HttpResponse<String> login = post(base + "/api/v1/auth/tokens", null, "{\"username\":\"admin\","
                    + "\"password\":\"" + StubCloud.PASSWORD + "\",\"project\":\"admin\"}");
            assertThat(login.statusCode()).isEqualTo(201);
            assertThat(post(base + "/api/v1/auth/tokens", null, "{\"username\":\"admin\",\"password\":\""
                    + WRONG_PASSWORD + "\",\"project\":\"admin\"}").statusCode()).isEqualTo(401);
            assertThat(get(base + "/api/v1/flavors", StubCloud.TOKEN).statusCode())
                    .isEqualTo(200);
            post(base + "/api/v1/servers", StubCloud.TOKEN, "{\"name\":\"x\",\"flavor_id\":\"1\",\"image_id\":"
                    + "\"none\",\"network_ids\":[],\"user_data\":\"" + USER_DATA_SECRET + "\"}");
            get(base + "/api/v1/nowhere", "not-a-token-but-secret-" + StubCloud.TOKEN);
        } finally {
            daemon.stop();
        }
    }

    private HttpResponse<String> get(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET());
    }

    private HttpResponse<String> post(String url, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String captureStandardOutput(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        original.print(log.lines().limit(40).reduce("", (a, b) -> a + b + "\n"));
        return log;
    }
}
