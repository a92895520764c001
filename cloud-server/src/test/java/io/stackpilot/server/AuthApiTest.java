package io.stackpilot.server;

import static io.stackpilot.server.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.identity.Principal;
import io.stackpilot.core.testing.TestData;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthApiTest {
    private final TestServer app = TestServer.start();

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void logs_in_and_returns_a_usable_project_scoped_token() {
        HttpResponse<String> response = app.post("/api/v1/auth/tokens", null,
                "{\"username\":\"demo\",\"password\":\"demo\",\"project\":\"demo\"}", Map.of());
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = TestServer.json(response);
        assertThat(body.get("expires_at").asText()).isEqualTo("2100-01-01T00:00:00Z");
        assertThat(body.get("user").get("name").asText()).isEqualTo("demo");
        assertThat(body.get("user").get("domain").get("name").asText()).isEqualTo("Default");
        assertThat(body.get("project").get("id").asText()).isEqualTo(TestData.DEMO.id());
        assertThat(body.get("roles")).extracting(JsonNode::asText).contains("member");
        assertThat(app.get("/api/v1/flavors", body.get("token").asText()).statusCode()).isEqualTo(200);
        assertThat(app.cloud.calls("validate")).as("the login primed the token cache").isZero();
    }

    @Test
    void logout_revokes_the_token_in_keystone_so_that_it_is_refused_at_once_and_is_audited() {
        String token = TestServer.json(app.post("/api/v1/auth/tokens", null,
                "{\"username\":\"demo\",\"password\":\"demo\",\"project\":\"demo\"}", Map.of()))
                .get("token").asText();
        assertThat(app.get("/api/v1/flavors", token).statusCode()).isEqualTo(200);

        HttpResponse<String> logout = app.send("DELETE", "/api/v1/auth/tokens", token, null, Map.of());

        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(logout.body()).isEmpty();
        assertThat(app.cloud.calls("revoke")).isEqualTo(1);
        assertProblem(app.get("/api/v1/flavors", token), 401, "unauthenticated");
        assertThat(app.auditRowOf(logout).status()).isEqualTo(204);
        assertThat(app.auditRowOf(logout).method()).isEqualTo("DELETE");
        assertThat(app.auditRowOf(logout).userName()).isEqualTo("demo");
    }

    @Test
    void logout_without_a_valid_token_is_401_and_revokes_nothing() {
        assertProblem(app.send("DELETE", "/api/v1/auth/tokens", "not-a-token", null, Map.of()), 401,
                "unauthenticated");
        assertThat(app.cloud.calls("revoke")).isZero();
    }

    @Test
    void rejects_bad_credentials_with_401_and_a_challenge() {
        HttpResponse<String> response = app.post("/api/v1/auth/tokens", null,
                "{\"username\":\"demo\",\"password\":\"wrong\",\"project\":\"demo\"}", Map.of());
        assertProblem(response, 401, "unauthenticated");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.body()).doesNotContain("wrong");
    }

    @Test
    void refuses_a_login_to_a_project_outside_the_allowlist() {
        HttpResponse<String> response = app.post("/api/v1/auth/tokens", null,
                "{\"username\":\"partner-user\",\"password\":\"demo\",\"user_domain\":\"partner\","
                        + "\"project\":\"partner-a\",\"project_domain\":\"partner\"}", Map.of());
        assertProblem(response, 403, "forbidden");
        assertThat(response.body()).doesNotContain("gAAAA");
    }

    @Test
    void lists_every_missing_login_field() {
        JsonNode problem = assertProblem(app.post("/api/v1/auth/tokens", null, "{\"user\":\"x\"}", Map.of()),
                400, "invalid-request");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("user", "username", "password", "project");
    }

    @Test
    void requires_a_token_on_api_routes() {
        HttpResponse<String> response = app.get("/api/v1/flavors", null);
        assertProblem(response, 401, "unauthenticated");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        assertProblem(app.get("/api/v1/flavors", "not-a-token"), 401, "unauthenticated");
    }

    @Test
    void rejects_an_expired_token() {
        Principal expired = Principal.projectScoped(TestData.demo().user(), TestData.DEMO, Set.of("member"),
                app.clock.instant().minusSeconds(1));
        assertProblem(app.get("/api/v1/flavors", app.token(expired)), 401, "unauthenticated");
    }

    @Test
    void forbids_a_project_outside_the_allowlist() {
        JsonNode problem = assertProblem(app.get("/api/v1/flavors", app.token(TestData.partner())), 403, "forbidden");
        assertThat(problem.get("detail").asText()).contains("partner-a");
        assertThat(app.cloud.calls("listFlavors")).isZero();
    }

    @Test
    void forbids_unscoped_and_domain_scoped_tokens_with_a_clear_message() {
        Principal unscoped = new Principal(TestData.demo().user(), null, null, Set.of(), TestData.TOKEN_EXPIRY);
        Principal domainScoped = new Principal(TestData.demo().user(), null, TestData.DEFAULT_DOMAIN, Set.of("admin"),
                TestData.TOKEN_EXPIRY);
        assertThat(assertProblem(app.get("/api/v1/flavors", app.token(unscoped)), 403, "forbidden")
                .get("detail").asText()).contains("unscoped");
        assertThat(assertProblem(app.get("/api/v1/flavors", app.token(domainScoped)), 403, "forbidden")
                .get("detail").asText()).contains("domain-scoped");
    }

    @Test
    void validates_a_token_once_and_counts_cache_hits() {
        String token = app.token(TestData.demo());
        app.get("/api/v1/flavors", token);
        app.get("/api/v1/images", token);
        app.get("/api/v1/networks", token);
        assertThat(app.cloud.calls("validate")).isEqualTo(1);
        assertThat(app.server.tokenCache().hits()).isEqualTo(2);
    }

    @Test
    void allows_a_whole_domain_from_the_domain_allowlist() {
        try (TestServer partnerOnly = TestServer.start(Map.of("STACKPILOT_ALLOWED_PROJECTS", "",
                "STACKPILOT_ALLOWED_DOMAINS", "partner"))) {
            assertThat(partnerOnly.get("/api/v1/flavors", partnerOnly.token(TestData.partner())).statusCode())
                    .isEqualTo(200);
            assertProblem(partnerOnly.get("/api/v1/flavors", partnerOnly.token(TestData.demo())), 403, "forbidden");
        }
    }
}
