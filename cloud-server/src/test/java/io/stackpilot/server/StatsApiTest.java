package io.stackpilot.server;

import static io.stackpilot.server.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.stats.SampleSource;
import io.stackpilot.core.stats.StatsSample;
import io.stackpilot.core.testing.TestData;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /api/v1/stats/servers} in-process over the in-memory sample store. The server's clock stands at
 * 2026-11-22T06:00Z, so the last completed hour is 05:00 and the default answer runs from 2026-11-21T06:00Z. The
 * allowlist is demo, alt-demo and admin; partner-a exists in the cloud but is not allowed.
 */
class StatsApiTest {
    private static final Instant LAST = Instant.parse("2026-11-22T05:00:00Z");

    private final TestServer app = TestServer.withStats();
    private final String demo = app.token(TestData.demo());
    private final String admin = app.token(TestData.admin());

    @AfterEach
    void stop() {
        app.close();
    }

    private void store(String projectId, Instant bucket, int running, SampleSource source) {
        app.statsSamples.insertIfAbsent(List.of(new StatsSample(projectId, bucket, running, source, bucket)));
    }

    private static List<Instant> times(JsonNode answer) {
        List<Instant> at = new ArrayList<>();
        answer.get("points").forEach(point -> at.add(Instant.parse(point.get("at").asText())));
        return at;
    }

    @Test
    void sums_the_locations_by_default_and_answers_one_location_when_named_and_an_unknown_one_is_400() {
        app.locations.add(new io.stackpilot.core.common.Location("lab-east", "RegionOne"),
                new io.stackpilot.core.compute.ComputeLimits(3, 0, 20, 0, 51200, 0));
        store(TestData.DEMO.id(), LAST, 3, SampleSource.LIVE);
        app.statsSamples.insertIfAbsent(List.of(new StatsSample(TestData.DEMO.id(), LAST, 2, SampleSource.LIVE, LAST,
                "lab-east/RegionOne")));

        JsonNode total = TestServer.json(app.get("/api/v1/stats/servers?points=1", demo));
        JsonNode east = TestServer.json(app.get("/api/v1/stats/servers?points=1&location=lab-east/RegionOne", demo));
        JsonNode home = TestServer.json(app.get("/api/v1/stats/servers?points=1&location="
                + io.stackpilot.core.common.Location.DEFAULT.cloud() + "/"
                + io.stackpilot.core.common.Location.DEFAULT.region(), demo));

        assertThat(total.get("points").get(0).get("running").asInt()).isEqualTo(5);
        assertThat(east.get("points").get(0).get("running").asInt()).isEqualTo(2);
        assertThat(home.get("points").get(0).get("running").asInt()).isEqualTo(3);
        assertThat(app.get("/api/v1/stats/servers?location=lab-nowhere/RegionOne", demo).statusCode())
                .isEqualTo(400);
    }

    @Test
    void by_default_answers_24_hourly_points_of_the_callers_project_oldest_first_ending_at_the_last_completed_hour() {
        store(TestData.DEMO.id(), LAST, 3, SampleSource.LIVE);
        store(TestData.DEMO.id(), LAST.minus(Duration.ofHours(1)), 2, SampleSource.BACKFILL);
        store(TestData.DEMO.id(), LAST.plus(Duration.ofHours(1)), 9, SampleSource.LIVE);
        store(TestData.ALT_DEMO.id(), LAST, 7, SampleSource.LIVE);

        HttpResponse<String> response = app.get("/api/v1/stats/servers", demo);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        JsonNode answer = TestServer.json(response);
        assertThat(answer.get("project_id").asText()).isEqualTo(TestData.DEMO.id());
        assertThat(answer.get("interval").asText()).isEqualTo("PT1H");
        assertThat(times(answer)).hasSize(24).isSorted().startsWith(LAST.minus(Duration.ofHours(23))).endsWith(LAST);
        for (int i = 1; i < 24; i++) {
            assertThat(Duration.between(times(answer).get(i - 1), times(answer).get(i))).isEqualTo(Duration.ofHours(1));
        }
        JsonNode points = answer.get("points");
        assertThat(points.get(23).get("running").asInt()).isEqualTo(3);
        assertThat(points.get(23).get("source").asText()).isEqualTo("live");
        assertThat(points.get(22).get("running").asInt()).isEqualTo(2);
        assertThat(points.get(22).get("source").asText()).isEqualTo("backfill");
        assertThat(points.get(0).has("running")).as("unknown is an explicit null").isTrue();
        assertThat(points.get(0).get("running").isNull()).isTrue();
        assertThat(points.get(0).get("source").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 168, 744})
    void answers_exactly_the_requested_number_of_points(int points) {
        JsonNode answer = TestServer.json(app.get("/api/v1/stats/servers?points=" + points, demo));

        assertThat(times(answer)).hasSize(points).isSorted().doesNotHaveDuplicates().endsWith(LAST)
                .startsWith(LAST.minus(Duration.ofHours(points - 1L)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "745", "-1", "abc", "2.5", "99999999999"})
    void points_outside_1_to_744_are_a_problem_naming_the_field(String points) {
        JsonNode problem = assertProblem(app.get("/api/v1/stats/servers?points=" + points, demo), 400,
                "invalid-request");

        assertThat(problem.get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("field").asText()).isEqualTo("points");
            assertThat(error.get("message").asText()).contains("1").contains("744");
        });
    }

    @Test
    void every_invalid_parameter_is_listed_at_once() {
        JsonNode problem = assertProblem(app.get("/api/v1/stats/servers?points=0&scope=everything", admin), 400,
                "invalid-request");

        assertThat(problem.get("errors")).extracting(error -> error.get("field").asText())
                .containsExactlyInAnyOrder("points", "scope");
        assertThat(assertProblem(app.get("/api/v1/stats/servers?scope=all&project_id=" + TestData.DEMO.id(), admin),
                400, "invalid-request").get("errors")).extracting(error -> error.get("field").asText())
                .containsExactly("project_id");
    }

    @Test
    void another_project_and_the_total_need_the_admin_role() {
        store(TestData.ALT_DEMO.id(), LAST, 7, SampleSource.LIVE);

        assertProblem(app.get("/api/v1/stats/servers?project_id=" + TestData.ALT_DEMO.id(), demo), 403, "forbidden");
        assertProblem(app.get("/api/v1/stats/servers?project_id=" + TestData.DEMO.id(), demo), 403, "forbidden");
        assertProblem(app.get("/api/v1/stats/servers?scope=all", demo), 403, "forbidden");
        assertProblem(app.get("/api/v1/stats/servers", null), 401, "unauthenticated");
    }

    @Test
    void an_admin_reads_another_allowed_project_and_the_total() {
        store(TestData.ALT_DEMO.id(), LAST, 7, SampleSource.LIVE);
        store(StatsSample.TOTAL, LAST, 10, SampleSource.LIVE);

        JsonNode other = TestServer.json(app.get("/api/v1/stats/servers?points=2&project_id="
                + TestData.ALT_DEMO.id(), admin));
        JsonNode total = TestServer.json(app.get("/api/v1/stats/servers?points=2&scope=all", admin));
        JsonNode own = TestServer.json(app.get("/api/v1/stats/servers?points=2", admin));

        assertThat(other.get("project_id").asText()).isEqualTo(TestData.ALT_DEMO.id());
        assertThat(other.get("points").get(1).get("running").asInt()).isEqualTo(7);
        assertThat(total.get("project_id").asText()).isEqualTo("*");
        assertThat(total.get("points").get(1).get("running").asInt()).isEqualTo(10);
        assertThat(own.get("project_id").asText()).isEqualTo(TestData.ADMIN_PROJECT.id());
        assertThat(own.get("points").get(1).get("running").isNull()).isTrue();
    }

    @Test
    void an_admin_asking_for_a_project_outside_the_allowlist_or_an_unknown_one_gets_404_not_data() {
        // Samples of partner-a from before it left the allowlist must not be served.
        store(TestData.PARTNER_A.id(), LAST, 4, SampleSource.LIVE);

        assertProblem(app.get("/api/v1/stats/servers?project_id=" + TestData.PARTNER_A.id(), admin), 404,
                "not-found");
        assertProblem(app.get("/api/v1/stats/servers?project_id=no-such-project", admin), 404, "not-found");
    }
}
