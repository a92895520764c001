package io.stackpilot.server;

import static io.stackpilot.server.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.testing.TestData;
import io.stackpilot.server.http.ServerRoutes;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server list is never unbounded: one page of at most 1000, and where the next one starts. */
class ServerPagingApiTest {
    private final TestServer app = TestServer.start();
    private final String demo = app.token(TestData.demo());

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void without_a_limit_one_page_of_the_default_size_and_the_next_are_answered() {
        int count = ServerRoutes.DEFAULT_LIMIT + 1;
        for (int i = 0; i < count; i++) {
            app.cloud.putServer(TestData.server("srv-" + i, TestData.DEMO, ServerStatus.ACTIVE,
                    app.clock.instant().minusSeconds(i)));
        }

        HttpResponse<String> first = app.get("/api/v1/servers?status=ACTIVE", demo);

        JsonNode page = TestServer.json(first);
        assertThat(page.get("servers")).hasSize(ServerRoutes.DEFAULT_LIMIT);
        String marker = page.get("next_marker").asText();
        assertThat(marker).isEqualTo(page.get("servers").get(ServerRoutes.DEFAULT_LIMIT - 1).get("id").asText());
        String next = "/api/v1/servers?status=ACTIVE&marker=" + marker;
        assertThat(first.headers().firstValue("Link")).hasValue("<" + next + ">; rel=\"next\"");
        HttpResponse<String> second = app.get(next, demo);
        assertThat(TestServer.json(second).get("servers")).hasSize(1);
        assertThat(TestServer.json(second).get("next_marker").isNull()).isTrue();
        assertThat(second.headers().firstValue("Link")).isEmpty();
    }

    @Test
    void a_limit_above_the_maximum_or_below_one_is_a_400_problem() {
        for (String limit : new String[] {String.valueOf(ServerRoutes.MAX_LIMIT + 1), "0", "-1", "many"}) {
            var problem = assertProblem(app.get("/api/v1/servers?limit=" + limit, demo), 400, "invalid-request");
            assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("limit");
        }
        assertThat(app.cloud.calls("listServers")).isZero();
    }

    @Test
    void the_link_keeps_the_filters_and_the_limit() {
        for (int i = 0; i < 3; i++) {
            app.cloud.putServer(TestData.server("web " + i, TestData.DEMO, ServerStatus.ACTIVE,
                    app.clock.instant().minusSeconds(i)));
        }

        HttpResponse<String> first = app.get("/api/v1/servers?name=web%20&limit=2", demo);

        String marker = TestServer.json(first).get("next_marker").asText();
        assertThat(first.headers().firstValue("Link"))
                .hasValue("</api/v1/servers?name=web%20&limit=2&marker=" + marker + ">; rel=\"next\"");
    }
}
