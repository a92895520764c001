package io.stackpilot.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LogLineTest {
    private final LogLine line = new LogLine(Instant.parse("2026-11-22T06:00:00Z"), Level.ERROR, "io.x.Job",
            "worker-1", "failed \"quoted\"\nsecond line", java.util.Map.of(), new IllegalStateException("boom"));

    @Test
    void json_line_is_one_object_with_every_field_and_the_exception_as_a_string() throws Exception {
        String json = line.json();
        assertThat(json).doesNotContain("\n");
        JsonNode event = new ObjectMapper().readTree(json);
        assertThat(event.get("ts").asText()).isEqualTo("2026-11-22T06:00:00Z");
        assertThat(event.get("level").asText()).isEqualTo("ERROR");
        assertThat(event.get("logger").asText()).isEqualTo("io.x.Job");
        assertThat(event.get("thread").asText()).isEqualTo("worker-1");
        assertThat(event.get("message").asText()).isEqualTo("failed \"quoted\"\nsecond line");
        assertThat(event.get("exception").asText()).startsWith("java.lang.IllegalStateException: boom\n\tat ");
    }

    @Test
    void text_line_keeps_the_event_on_one_line() {
        assertThat(line.text()).startsWith("2026-11-22T06:00:00Z ERROR [worker-1] io.x.Job - failed \"quoted\" | "
                + "second line | java.lang.IllegalStateException: boom | at ").doesNotContain("\n");
    }

    @Test
    void noisy_libraries_are_quiet_by_default_and_the_longest_configured_prefix_wins() {
        List<String> problems = new ArrayList<>();
        LogSettings settings = LogSettings.fromEnvironment(Map.of("STACKPILOT_LOG_LEVEL", "debug",
                "STACKPILOT_LOG_LEVELS", "io.stackpilot=warn,io.stackpilot.server.jobs=trace"), problems);
        assertThat(problems).isEmpty();
        assertThat(settings.levelOf("io.zonky.test.db.postgres.embedded.EmbeddedPostgres")).isEqualTo(Level.WARN);
        assertThat(settings.levelOf("org.eclipse.jetty.server.Server")).isEqualTo(Level.WARN);
        assertThat(settings.levelOf("io.stackpilot.server.Main")).isEqualTo(Level.WARN);
        assertThat(settings.levelOf("io.stackpilot.server.jobs.StatsJob")).isEqualTo(Level.TRACE);
        assertThat(settings.levelOf("io.stackpilotx.Other")).isEqualTo(Level.DEBUG);
    }

    @Test
    void an_unknown_level_is_a_problem_that_does_not_echo_the_value() {
        List<String> problems = new ArrayList<>();
        LogSettings.fromEnvironment(Map.of("STACKPILOT_LOG_LEVEL", "loud-s3cret"), problems);
        assertThat(problems).singleElement().asString().contains("STACKPILOT_LOG_LEVEL").doesNotContain("s3cret");
    }
}
