package io.stackpilot.server.daemon;

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
 * The daemon as an operating-system process: {@code java -jar target/stackpilot-server.jar} (built by the package
 * phase before Failsafe runs) with exactly the given STACKPILOT_* and OS_* variables, its output in a file.
 */
final class DaemonProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "stackpilot-server.jar");

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private DaemonProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts the jar on a free port (unless {@code env} sets STACKPILOT_PORT); does not wait for it. */
    static DaemonProcess launch(String name, Map<String, String> env, Path logDirectory) {
        Map<String, String> all = new HashMap<>(Map.of("STACKPILOT_PORT", String.valueOf(freePort()),
                "STACKPILOT_BIND_ADDRESS", "127.0.0.1", "STACKPILOT_REPLICA_ID", name));
        all.putAll(env);
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                JAR.toAbsolutePath().toString()));
        builder.environment().keySet().removeIf(key -> key.startsWith("OS_") || key.startsWith("STACKPILOT_"));
        builder.environment().putAll(all);
        Path log = logDirectory.resolve(name + ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            return new DaemonProcess(name, Integer.parseInt(all.get("STACKPILOT_PORT")), builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until /healthz answers 200; fails with the log if the process ends or the time runs out. */
    DaemonProcess awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " ended with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(200));
        }
        throw new AssertionError(name + " not healthy after " + timeout + ":\n" + log());
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM: the graceful stop. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: no chance to clean up. */
    void kill() {
        process.destroyForcibly();
    }

    /** The exit status, or -1 if the process is still running after the timeout. */
    int awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
