package io.stackpilot.server;

import static io.stackpilot.server.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.testing.TestData;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the fuzz suite ({@code fuzz.ApiFuzzIT}) found, each fixed: a charset the JVM does not know in the content type,
 * NUL characters (which PostgreSQL's text cannot hold) and a body field with a blank name answered 500.
 */
class FuzzFindingsApiTest {
    private final TestServer app = TestServer.start();
    private final String demo = app.token(TestData.demo());

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void a_body_declared_in_an_unknown_charset_is_read_as_the_utf8_json_it_is() {
        HttpResponse<String> launched = app.post("/api/v1/servers", demo, ServerApiTest.BOOT,
                Map.of("Content-Type", "application/json; charset=nope"));

        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
    }

    @Test
    void a_nul_character_in_a_query_is_a_400_problem() {
        JsonNode problem = assertProblem(app.get("/api/v1/managed-servers?marker=%00", demo), 400, "invalid-request");

        assertThat(problem.get("detail").asText()).contains("NUL");
    }

    @Test
    void a_nul_character_in_a_body_field_is_a_400_problem_naming_the_field_and_nothing_is_stored() {
        HttpResponse<String> answer = app.send("PUT", "/api/v1/managed-servers/web-1", demo,
                "{\"flavor\":\"m1.tiny\",\"image\":\"cirros-0.6-lab\",\"networks\":[\"priv\\u0000ate\"]}",
                Map.of("Content-Type", "application/json"));

        JsonNode problem = assertProblem(answer, 400, "invalid-request");
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("networks[0]");
        assertThat(TestServer.json(app.get("/api/v1/managed-servers", demo)).get("managed_servers")).isEmpty();
    }

    @Test
    void a_field_with_a_blank_name_is_a_400_problem() {
        JsonNode problem = assertProblem(app.post("/api/v1/auth/tokens", null,
                "{\"username\":\"demo\",\"password\":\"x\",\"project\":\"demo\",\"\":1}", Map.of()), 400,
                "invalid-request");

        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("body");
        assertThat(problem.get("errors").get(0).get("message").asText()).contains("blank name");
    }
}
