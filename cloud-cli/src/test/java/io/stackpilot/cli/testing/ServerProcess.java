package io.stackpilot.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Stackpilot daemon as an operating-system process: {@code java -jar cloud-server/target/stackpilot-server.jar}
 * (built by the reactor before this module's integration tests) on a free loopback port, with exactly the given
 * STACKPILOT_* and OS_* variables and its output in a file. {@link #close()} stops it with SIGTERM, so that it stops
 * its embedded PostgreSQL too.
 */
public final class ServerProcess implements AutoCloseable {
    public static final Path JAR = Path.of("..", "cloud-server", "target", "stackpilot-server.jar");

    private final int port;
    private final Process process;
    private final Path log;

    private ServerProcess(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts the jar and waits until {@code /healthz} answers 200; fails with the log if it ends or times out. */
    /**
     * The server jar in front of the lab with the lab's admin as service account, every Default-domain project
     * allowed and the login rate limit off (the lab ITs log in many times from 127.0.0.1). Passwords come from
     * LAB_ADMIN_PASSWORD, else the lab's default.
     */
    public static ServerProcess startInFrontOfLab(Path directory) {
        return start(Map.of("OS_AUTH_URL", labEnv("OS_AUTH_URL", "http://127.0.0.1:5000/v3"),
                "OS_USERNAME", "admin", "OS_PASSWORD", labEnv("LAB_ADMIN_PASSWORD", "admin"), "OS_PROJECT_NAME", "admin",
                "OS_USER_DOMAIN_NAME", "Default", "OS_PROJECT_DOMAIN_NAME", "Default", "OS_REGION_NAME", "RegionOne",
                "OS_INTERFACE", "public", "STACKPILOT_ALLOWED_DOMAINS", "Default",
                "STACKPILOT_LOGIN_RATE_LIMIT", "off"),
                directory, Duration.ofMinutes(3));
    }

    /** An environment variable of the lab (a password, the auth URL), else the lab's default. */
    public static String labEnv(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public static ServerProcess start(Map<String, String> env, Path directory, Duration timeout) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing; build with -pl cloud-cli -am");
        }
        int port = freePort();
        Map<String, String> all = new HashMap<>(Map.of("STACKPILOT_PORT", String.valueOf(port),
                "STACKPILOT_BIND_ADDRESS", "127.0.0.1", "STACKPILOT_DATA_DIR", directory.resolve("data").toString(),
                "STACKPILOT_REPLICA_ID", "cli-lab"));
        all.putAll(env);
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", JAR.toAbsolutePath().toString()));
        builder.environment().keySet().removeIf(key -> key.startsWith("OS_") || key.startsWith("STACKPILOT_"));
        builder.environment().putAll(all);
        Path log = directory.resolve("server.log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            ServerProcess server = new ServerProcess(port, builder.start(), log);
            server.awaitHealthy(timeout);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server ended with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(url() + "/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new AssertionError("the server was not healthy after " + timeout + ":\n" + log());
    }

    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
