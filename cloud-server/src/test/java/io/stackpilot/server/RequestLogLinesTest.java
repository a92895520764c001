package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.HandlerType;
import io.stackpilot.server.http.ApiRoute;
import io.stackpilot.server.logging.LogSettings;
import io.stackpilot.server.logging.StackpilotLoggerFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** A request's log lines carry its request id (and the replica), so that they can be found by X-Request-Id. */
class RequestLogLinesTest {
    private static final Logger HANDLER_LOG = LoggerFactory.getLogger("test.handler");

    private final StackpilotLoggerFactory logging = (StackpilotLoggerFactory) LoggerFactory.getILoggerFactory();
    private final LogSettings before = logging.settings();
    private final PrintStream stdout = System.out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private TestServer app;

    @BeforeEach
    void start() {
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        app = TestServer.withRoutes(() -> List.of(
                ApiRoute.open(HandlerType.GET, "/test/logs", ctx -> {
                    HANDLER_LOG.warn("inside the handler");
                    ctx.result("logged");
                }),
                ApiRoute.open(HandlerType.GET, "/test/fails", ctx -> {
                    throw new IllegalStateException("boom");
                })));
    }

    @AfterEach
    void stop() {
        app.close();
        System.setOut(stdout);
        logging.configure(before);
    }

    @Test
    void every_json_line_of_a_request_has_its_request_id_and_replica_as_fields() throws Exception {
        logging.configure(new LogSettings(true, Level.INFO, Map.of()));
        app.send("GET", "/test/logs", null, null, Map.of("X-Request-Id", "log-test-1"));
        app.send("GET", "/test/fails", null, null, Map.of("X-Request-Id", "log-test-2"));
        app.get("/test/logs", null);

        List<JsonNode> lines = lines().stream().map(RequestLogLinesTest::parse).toList();
        assertThat(lines).filteredOn(line -> line.path("message").asText().equals("inside the handler"))
                .hasSize(2).first().satisfies(line -> {
                    assertThat(line.path("request_id").asText()).isEqualTo("log-test-1");
                    assertThat(line.path("replica").asText()).isEqualTo("test-replica");
                });
        assertThat(lines).filteredOn(line -> line.path("message").asText().contains("GET /test/fails"))
                .singleElement().satisfies(line ->
                        assertThat(line.path("request_id").asText()).isEqualTo("log-test-2"));
        assertThat(lines).filteredOn(line -> line.path("message").asText().equals("inside the handler"))
                .last().satisfies(line -> assertThat(line.path("request_id").asText()).startsWith("req-"));
    }

    @Test
    void text_lines_name_the_request_id_and_lines_after_the_request_do_not() {
        logging.configure(new LogSettings(false, Level.INFO, Map.of()));
        app.send("GET", "/test/logs", null, null, Map.of("X-Request-Id", "log-test-3"));
        HANDLER_LOG.warn("outside any request");

        assertThat(lines()).filteredOn(line -> line.endsWith("- inside the handler")).singleElement()
                .satisfies(line -> assertThat(line).contains(" request_id=log-test-3 replica=test-replica - "));
        assertThat(lines()).filteredOn(line -> line.endsWith("- outside any request")).singleElement()
                .satisfies(line -> assertThat(line).doesNotContain("request_id="));
    }

    private List<String> lines() {
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static JsonNode parse(String line) {
        try {
            return TestServer.JSON.readTree(line);
        } catch (Exception notJson) {
            throw new AssertionError("not a JSON line: " + line, notJson);
        }
    }
}
