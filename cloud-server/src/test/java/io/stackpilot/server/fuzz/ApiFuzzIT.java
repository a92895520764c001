package io.stackpilot.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.persistence.testing.TestDatabase;
import io.stackpilot.persistence.testing.TestDatabases;
import io.stackpilot.server.FuzzRequest;
import io.stackpilot.server.FuzzRequest.Answer;
import io.stackpilot.server.Main;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The fuzz suite (issue 14): generated requests ({@link RequestGenerator}) to every operation of the OpenAPI document
 * the daemon serves (read at test time, so a new route is covered without a change here), sent byte for byte
 * ({@link FuzzRequest}) to the daemon as production wires it ({@link Main.Daemon}: the OpenStack adapter over a
 * healthy {@link FuzzCloud}, PostgreSQL with the Liquibase schema, the audit writer, the jobs). Each answer is checked
 * at once: no 5xx (the cloud is healthy), every error problem+json with the request id of its X-Request-Id header, no
 * secret in the answer. At the end: exactly one audit row for each request that reached a handler (and none for one
 * that did not), no secret in any log line or any table.
 *
 * <p>Seed and tries: {@code -Dfuzz.seed=<long>|random} (default fixed) and {@code -Dfuzz.tries=<n>} (default
 * 120); {@code -Psoak} runs 20,000 tries with a random seed. A failure prints the seed, the try and the raw request;
 * {@code -Dfuzz.only=<try>} sends that one try alone (the daemon's state then is a fresh one's).
 */
class ApiFuzzIT {
    private static final long DEFAULT_SEED = 0x5EED_0014L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DB_PASSWORD = Pattern.compile("[?&]password=([^&]+)");

    private static final long SEED = seed();
    private static final int TRIES = Integer.getInteger("fuzz.tries", 120);
    private static final Integer ONLY = Integer.getInteger("fuzz.only");
    private static final List<Sent> SENT = new ArrayList<>();

    private static FuzzCloud cloud;
    private static TestDatabase database;
    private static CapturedOutput output;
    private static Main.Daemon daemon;
    private static AuditTable audit;

    private record Sent(FuzzRequest request, Answer answer, long reachedHandler) {
    }

    @BeforeAll
    static void start() {
        cloud = new FuzzCloud();
        database = TestDatabases.external().orElseGet(TestDatabases::embedded).createEmptyDatabase();
        audit = new AuditTable(database.jdbcUrl());
        Map<String, String> env = new HashMap<>(cloud.serviceAccount());
        env.putAll(Map.of("STACKPILOT_PORT", "0", "STACKPILOT_BIND_ADDRESS", "127.0.0.1", "STACKPILOT_DB_URL",
                database.jdbcUrl(), "STACKPILOT_REPLICA_ID", "fz-replica", "STACKPILOT_LOG_LEVEL", "debug",
                "STACKPILOT_SHUTDOWN_TIMEOUT", "PT5S", "STACKPILOT_ALLOWED_PROJECTS", "demo",
                "STACKPILOT_LOGIN_RATE_LIMIT", "off"));
        output = CapturedOutput.start();
        daemon = Main.Daemon.start(env, Clock.systemUTC());
        output.original().printf("fuzz: seed %d, %s tries, against port %d%n", SEED,
                ONLY == null ? TRIES : "only try " + ONLY, daemon.server().port());
    }

    @AfterAll
    static void stop() {
        try {
            if (daemon != null) {
                daemon.stop();
            }
        } finally {
            if (output != null) {
                output.stop();
            }
            database.close();
            cloud.close();
        }
    }

    @TestFactory
    Stream<DynamicNode> generated_requests_to_every_route_of_the_openapi_document() {
        ApiOperations api = ApiOperations.of(openApiDocument());
        RequestGenerator generator = new RequestGenerator(SEED);
        IntStream attempts = ONLY == null ? IntStream.range(0, TRIES) : IntStream.of(ONLY);
        Stream<DynamicNode> tries = attempts.mapToObj(attempt -> {
            FuzzRequest request = generator.generate(api.operations(), attempt);
            return dynamicTest(cut(request.operation() + " " + request.target(), 120), () -> send(request));
        });
        Stream<DynamicNode> after = Stream.of(
                dynamicTest("every request that reached a handler has exactly one audit row", ApiFuzzIT::audited),
                dynamicTest("no secret in any log line", ApiFuzzIT::noSecretLogged),
                dynamicTest("no secret in any table", ApiFuzzIT::noSecretStored));
        return Stream.concat(tries, after);
    }

    private static void send(FuzzRequest request) {
        long before = daemon.server().requestsBegun();
        Answer answer = request.send(daemon.server().port());
        Sent sent = new Sent(request, answer, daemon.server().requestsBegun() - before);
        SENT.add(sent);
        String why = problemWith(request, answer);
        if (why != null) {
            throw new AssertionError(failure(sent, why));
        }
    }

    /** What is wrong with the answer, or null. */
    private static String problemWith(FuzzRequest request, Answer answer) {
        if (answer.status() == FuzzRequest.CUT_OFF) {
            return request.bytes().length > 64 * 1024 ? null : "the server closed the connection on a small request";
        }
        if (answer.status() < 0) {
            return "no answer";
        }
        if (answer.status() >= 500) {
            return "a 5xx from a daemon over a healthy cloud";
        }
        String requestId = answer.header("X-Request-Id");
        if (requestId == null || requestId.isBlank()) {
            return "no X-Request-Id";
        }
        boolean loggedIn = answer.status() == 201 && request.target().startsWith("/api/v1/auth/tokens");
        for (String secret : secrets(request)) {
            if ((answer.head() + answer.body()).contains(secret) && !(loggedIn && secret.equals(FuzzCloud.USER_TOKEN))) {
                return "the answer carries a secret: " + secret;
            }
        }
        if (answer.status() < 400) {
            return null;
        }
        if (!"application/problem+json".equals(answer.header("Content-Type"))) {
            return "an error that is not application/problem+json";
        }
        if (request.method().equals("HEAD")) {
            return null;
        }
        try {
            JsonNode problem = JSON.readTree(answer.body());
            if (problem.path("status").asInt() != answer.status()) {
                return "the problem's status is not the answer's";
            }
            if (!requestId.equals(problem.path("request_id").asText())) {
                return "the problem's request_id is not the X-Request-Id header";
            }
        } catch (IOException unreadable) {
            return "the problem is not JSON: " + unreadable.getMessage();
        }
        return null;
    }

    private static void audited() {
        awaitQuiet();
        long begun = daemon.server().requestsBegun();
        Map<String, Integer> rows = audit.apiRowsWhen(begun, Duration.ofSeconds(15));
        List<String> wrong = new ArrayList<>();
        for (Sent sent : SENT) {
            String requestId = sent.answer().header("X-Request-Id");
            if (requestId == null) {
                continue;
            }
            int count = rows.getOrDefault(requestId, 0);
            if (count != sent.reachedHandler()) {
                wrong.add(failure(sent, count + " audit rows for " + requestId + ", reached a handler: "
                        + sent.reachedHandler()));
            }
        }
        assertThat(wrong).as("requests whose audit rows are wrong").isEmpty();
        assertThat(rows.values().stream().mapToLong(Integer::longValue).sum())
                .as("audit rows of API requests, one per request that reached a handler").isEqualTo(begun);
        assertThat(daemon.server().auditWriter().dropped()).as("audit rows dropped").isZero();
    }

    private static void noSecretLogged() {
        awaitQuiet();
        List<String> lines = output.text().lines().filter(line -> secrets(null).stream().anyMatch(line::contains))
                .map(line -> cut(line, 2000)).toList();
        assertThat(lines).as("log lines with a secret (seed " + SEED + ")").isEmpty();
        assertThat(output.text()).as("the daemon logged at debug").contains("fz-replica");
    }

    private static void noSecretStored() {
        awaitQuiet();
        for (String secret : secrets(null)) {
            assertThat(audit.tablesContaining(secret)).as("tables holding a secret (seed " + SEED + ")").isEmpty();
        }
    }

    /** Every secret of the run; those of one request when given (they are the same set). */
    private static Set<String> secrets(FuzzRequest request) {
        Set<String> all = new java.util.HashSet<>(request == null ? Set.of(FuzzCloud.USER_TOKEN,
                FuzzCloud.USER_PASSWORD, FuzzCloud.SERVICE_PASSWORD, FuzzCloud.SERVICE_TOKEN,
                RequestGenerator.USER_DATA_SECRET) : request.secrets());
        Matcher password = DB_PASSWORD.matcher(database.jdbcUrl());
        if (password.find()) {
            all.add(password.group(1));
        }
        return all;
    }

    private static void awaitQuiet() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((daemon.server().inFlight() > 0 || daemon.server().auditWriter().depth() > 0)
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String failure(Sent sent, String why) {
        Answer answer = sent.answer();
        return why + "\n  seed " + SEED + ", try " + sent.request().operation() + " (replay: -Dit.test=ApiFuzzIT"
                + " -Dfuzz.seed=" + SEED + " -Dfuzz.only=" + sent.request().operation().split(" ")[0] + ")"
                + "\n  request:\n" + sent.request().raw(4096).indent(4)
                + "  answer: " + answer.status() + "\n" + cut(answer.head() + "\n\n" + answer.body(), 2000).indent(4)
                + "  log lines of the request:\n" + cut(logLinesOf(answer.header("X-Request-Id")), 6000).indent(4);
    }

    private static String logLinesOf(String requestId) {
        return requestId == null ? "(no request id)" : String.join("\n", output.text().lines()
                .filter(line -> line.contains(requestId)).toList());
    }

    private static JsonNode openApiDocument() {
        FuzzRequest get = new FuzzRequest("openapi", "GET", "/api/v1/openapi.json", List.of(), null, Set.of());
        Answer answer = get.send(daemon.server().port());
        assertThat(answer.status()).isEqualTo(200);
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long seed() {
        String given = System.getProperty("fuzz.seed", "");
        if (given.isBlank()) {
            return DEFAULT_SEED;
        }
        return given.equals("random") ? ThreadLocalRandom.current().nextLong() : Long.decode(given);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...(" + text.length() + " chars)";
    }

    /** Standard output and error captured (the daemon logs to standard output), the originals kept for the end. */
    private record CapturedOutput(PrintStream original, PrintStream originalError,
                                  java.io.ByteArrayOutputStream captured) {
        static CapturedOutput start() {
            CapturedOutput output = new CapturedOutput(System.out, System.err, new java.io.ByteArrayOutputStream());
            PrintStream capture = new PrintStream(output.captured(), true, java.nio.charset.StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            return output;
        }

        String text() {
            synchronized (captured) {
                return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
            }
        }

        void stop() {
            System.setOut(original);
            System.setErr(originalError);
        }
    }
}
