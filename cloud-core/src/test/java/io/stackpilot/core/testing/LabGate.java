package io.stackpilot.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets the build start while the labs are still coming up ({@code .ci/run}): with {@code STACKPILOT_LAB_GATE} set to
 * a directory, a lab integration test waits before its first line until the lab it needs is up. The one starting the
 * lab writes {@code <lab>.ready} there when its {@code up} succeeded, or {@code <lab>.failed} (holding the reason)
 * when it did not; the test then fails at once with that reason, and after {@code STACKPILOT_LAB_GATE_TIMEOUT}
 * seconds (2700 by default) without either file it fails too. A lab test is never skipped. Without the variable
 * (a developer's run against a lab that is already up) nothing waits.
 *
 * <p>Every {@code *LabIT} class waits for {@code openstack} by itself: this class is a JUnit extension found by
 * autodetection (the failsafe configuration enables it, {@code META-INF/services} names it), so a new lab test needs
 * nothing. A test that needs another lab also calls {@link #await(String)}, e.g. {@code LabGate.await("kubernetes")}.
 */
public final class LabGate implements BeforeAllCallback {
    /** The directory of the {@code <lab>.ready} / {@code <lab>.failed} files; unset: no waiting. */
    public static final String DIRECTORY_VARIABLE = "STACKPILOT_LAB_GATE";
    /** How long a test waits for a lab, in seconds. */
    public static final String TIMEOUT_VARIABLE = "STACKPILOT_LAB_GATE_TIMEOUT";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(45);
    private static final Duration POLL = Duration.ofMillis(500);

    @Override
    public void beforeAll(ExtensionContext context) {
        if (context.getRequiredTestClass().getSimpleName().endsWith("LabIT")) {
            await("openstack");
        }
    }

    /** Returns once the lab is up; fails if it could not start or took too long. Without the gate: at once. */
    public static void await(String lab) {
        String directory = System.getenv(DIRECTORY_VARIABLE);
        if (directory == null || directory.isBlank()) {
            return;
        }
        await(Path.of(directory), lab, timeout());
    }

    static void await(Path directory, String lab, Duration timeout) {
        Path ready = directory.resolve(lab + ".ready");
        Path failed = directory.resolve(lab + ".failed");
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean announced = false;
        while (true) {
            if (Files.exists(failed)) {
                throw new AssertionError("the " + lab + " lab did not start: " + read(failed));
            }
            if (Files.exists(ready)) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("the " + lab + " lab was not up within " + timeout + " (neither " + ready
                        + " nor " + failed + " appeared)");
            }
            if (!announced) {
                System.out.println("[lab-gate] waiting for the " + lab + " lab (" + ready + ")");
                announced = true;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the " + lab + " lab", e);
            }
        }
    }

    private static Duration timeout() {
        String seconds = System.getenv(TIMEOUT_VARIABLE);
        if (seconds == null || seconds.isBlank()) {
            return DEFAULT_TIMEOUT;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(seconds.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(TIMEOUT_VARIABLE + " must be a number of seconds: " + seconds, e);
        }
    }

    private static String read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? "(no reason given in " + file + ")" : String.join("\n", lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
