package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.HandlerType;
import io.stackpilot.core.testing.TestData;
import io.stackpilot.server.http.ApiRoute;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An unexpected exception is logged at ERROR with the request id, its type and its stack, but without any message:
 * a message can quote the request's token (OkHttp's did, issue 14.4) or a password from its body.
 */
class UnexpectedErrorLogTest {
    private static final String PASSWORD = "Pa55-in-a-message-6c2e";

    private final PrintStream stdout = System.out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private TestServer app;

    @BeforeEach
    void start() {
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        app = TestServer.withRoutes(() -> List.of(ApiRoute.open(HandlerType.POST, "/test/quotes", ctx -> {
            IllegalStateException failure = new IllegalStateException("Unexpected char 0xe9 in X-Auth-Token value: "
                    + ctx.header("X-Auth-Token") + " / " + ctx.header("Authorization"),
                    new IllegalArgumentException("body was " + ctx.body()));
            failure.addSuppressed(new RuntimeException("while closing " + ctx.header("X-Auth-Token")));
            throw failure;
        })));
    }

    @AfterEach
    void stop() {
        app.close();
        System.setOut(stdout);
    }

    @Test
    void the_log_of_an_unexpected_exception_has_its_type_and_stack_but_no_token_or_password() {
        String token = app.token(TestData.demo());
        HttpResponse<String> answer = app.send("POST", "/test/quotes", token, "{\"password\": \"" + PASSWORD + "\"}",
                Map.of("Authorization", "Bearer " + token, "X-Request-Id", "unexpected-1",
                        "Content-Type", "application/json"));
        app.awaitCompletedRequests();

        assertThat(answer.statusCode()).isEqualTo(500);
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log.lines().filter(line -> line.contains("request unexpected-1 failed: POST /test/quotes")))
                .singleElement().satisfies(line -> assertThat(line)
                        .contains("java.lang.IllegalStateException (message withheld)")
                        .contains("Caused by: java.lang.IllegalArgumentException (message withheld)")
                        .contains("Suppressed: java.lang.RuntimeException (message withheld)")
                        .contains("at io.stackpilot.server.UnexpectedErrorLogTest"));
        assertThat(log).doesNotContain(token).doesNotContain(PASSWORD);
        assertThat(answer.body()).doesNotContain(token).doesNotContain(PASSWORD);
    }
}
