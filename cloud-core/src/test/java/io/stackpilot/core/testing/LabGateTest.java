package io.stackpilot.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabGateTest {
    @TempDir
    Path gate;

    @Test
    void a_lab_that_is_up_lets_the_test_go_on() throws IOException {
        Files.writeString(gate.resolve("openstack.ready"), "");

        LabGate.await(gate, "openstack", Duration.ofSeconds(5));
    }

    @Test
    void the_test_waits_until_the_lab_is_up() throws Exception {
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(
                () -> LabGate.await(gate, "kubernetes", Duration.ofMinutes(1)));
        Thread.sleep(700);
        assertThat(waiting).as("no file yet: still waiting").isNotDone();

        Files.writeString(gate.resolve("kubernetes.ready"), "");

        waiting.get();
    }

    @Test
    void a_lab_that_failed_fails_the_test_with_the_reason() throws IOException {
        Files.writeString(gate.resolve("openstack.failed"), "deploy/openstack-lab/up exited 1: apt-get install failed");

        assertThatThrownBy(() -> LabGate.await(gate, "openstack", Duration.ofMinutes(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("openstack lab did not start")
                .hasMessageContaining("apt-get install failed");
    }

    @Test
    void a_lab_that_never_answers_fails_the_test_after_the_timeout() {
        assertThatThrownBy(() -> LabGate.await(gate, "openstack", Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not up within PT0.2S");
    }

    @Test
    void another_lab_being_up_does_not_open_the_gate() throws IOException {
        Files.writeString(gate.resolve("openstack.ready"), "");

        assertThatThrownBy(() -> LabGate.await(gate, "kubernetes", Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class);
    }
}
