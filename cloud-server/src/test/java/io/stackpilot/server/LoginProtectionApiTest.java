package io.stackpilot.server;

import static io.stackpilot.server.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The login's answer is never cached, logins are limited per source address, and bad tokens are cheap. */
class LoginProtectionApiTest {
    private static final String DEMO = "{\"username\":\"demo\",\"password\":\"demo\",\"project\":\"demo\"}";
    private static final String WRONG = "{\"username\":\"demo\",\"password\":\"guess\",\"project\":\"demo\"}";

    private final TestServer app = TestServer.start(Map.of("STACKPILOT_LOGIN_RATE_LIMIT", "10/min,burst=3"));

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> login(String body) {
        return app.post("/api/v1/auth/tokens", null, body, Map.of());
    }

    @Test
    void no_cache_may_keep_the_login_answer() {
        for (HttpResponse<String> response : new HttpResponse[] {login(DEMO), login(WRONG)}) {
            assertThat(response.headers().firstValue("Cache-Control")).as(response.body()).hasValue("no-store");
            assertThat(response.headers().firstValue("Pragma")).hasValue("no-cache");
        }
    }

    @Test
    void logins_over_the_sources_burst_answer_429_with_retry_after_until_refilled() {
        for (int i = 0; i < 3; i++) {
            assertThat(login(i == 0 ? WRONG : DEMO).statusCode()).isIn(201, 401);
        }

        HttpResponse<String> limited = login(DEMO);

        assertProblem(limited, 429, "too-many-requests");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("6");
        assertThat(app.cloud.calls("authenticate")).isEqualTo(3);
        app.clock.advance(Duration.ofSeconds(6));
        assertThat(login(DEMO).statusCode()).isEqualTo(201);
    }

    @Test
    void a_rejected_token_is_sent_to_the_identity_service_once_per_rejection_ttl() {
        for (int i = 0; i < 5; i++) {
            assertProblem(app.get("/api/v1/flavors", "gAAAAA-revoked"), 401, "unauthenticated");
        }
        assertThat(app.cloud.calls("validate")).isEqualTo(1);
        app.clock.advance(Duration.ofSeconds(11));
        assertProblem(app.get("/api/v1/flavors", "gAAAAA-revoked"), 401, "unauthenticated");
        assertThat(app.cloud.calls("validate")).isEqualTo(2);
    }
}
