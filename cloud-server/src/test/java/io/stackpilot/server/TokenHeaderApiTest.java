package io.stackpilot.server;

import static io.stackpilot.server.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.identity.Credentials;
import io.stackpilot.core.identity.IdentityGateway;
import io.stackpilot.core.identity.IssuedToken;
import io.stackpilot.core.identity.Principal;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.testing.TestData;
import io.stackpilot.server.auth.CallerAuthenticator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A token that is not plain header text answers 401 before any validation, and never reaches a log line. The
 * identity service here fails as the real adapter's HTTP client did: OkHttp refuses such a header value with an
 * exception whose message quotes it.
 */
class TokenHeaderApiTest {
    private static final String SECRET = "gAAAAABn-s3cret-\u00e9-7a41";

    private final TestServer app = TestServer.withIdentity(OkHttpLikeIdentity::new);

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void a_token_with_a_non_ascii_byte_is_401_before_any_validation() {
        assertThat(rawGet("/api/v1/flavors", "X-Auth-Token: " + SECRET)).startsWith("HTTP/1.1 401 ")
                .contains("Content-Type: application/problem+json").contains("/problems/unauthenticated");
        assertThat(rawGet("/api/v1/flavors", "Authorization: Bearer " + SECRET)).startsWith("HTTP/1.1 401 ")
                .contains("/problems/unauthenticated");
        assertThat(app.cloud.calls("validate")).isZero();
    }

    @Test
    void a_token_over_the_length_limit_is_401_before_any_validation() {
        String huge = "a".repeat(CallerAuthenticator.MAX_TOKEN_LENGTH + 1);
        assertProblem(app.get("/api/v1/flavors", huge), 401, "unauthenticated");
        assertThat(app.cloud.calls("validate")).isZero();
        String valid = app.token(TestData.demo());
        assertThat(app.get("/api/v1/flavors", valid).statusCode()).isEqualTo(200);
    }

    @Test
    void no_log_line_shows_the_token() {
        String log = capturingStandardOutput(() -> {
            rawGet("/api/v1/flavors", "X-Auth-Token: " + SECRET);
            rawGet("/api/v1/servers", "Authorization: Bearer " + SECRET);
            app.auditRowsWhen(rows -> rows.size() >= 2);
        });

        assertThat(log).doesNotContain("s3cret");
        assertThat(app.auditLog.all().toString()).doesNotContain("s3cret");
    }

    /**
     * One request over a plain socket, its header bytes in ISO-8859-1: Java's HttpClient would send the non-ASCII
     * character as '?', a browser or curl sends the byte.
     */
    private String rawGet(String path, String header) {
        try (Socket socket = new Socket("127.0.0.1", app.server.port())) {
            socket.setSoTimeout(30_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + header
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String capturingStandardOutput(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Puts the token into a header as the adapter's HTTP client does, then asks the fake. */
    private record OkHttpLikeIdentity(IdentityGateway fake) implements IdentityGateway {
        @Override
        public IssuedToken authenticate(Credentials credentials) {
            return fake.authenticate(credentials);
        }

        @Override
        public Principal validate(String token) {
            new Request.Builder().url("http://keystone.test/v3/auth/tokens").header("X-Subject-Token", token);
            return fake.validate(token);
        }

        @Override
        public List<ProjectRef> listProjects() {
            return fake.listProjects();
        }

        @Override
        public void revoke(io.stackpilot.core.identity.Session session) {
            fake.revoke(session);
        }
    }
}
