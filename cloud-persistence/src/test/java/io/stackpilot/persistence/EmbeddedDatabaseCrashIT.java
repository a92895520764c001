package io.stackpilot.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database after its process was killed outright, and while another process uses it. */
class EmbeddedDatabaseCrashIT {
    @TempDir
    Path dataDirectory;
    private Process child;

    @AfterEach
    void stop_the_child() throws Exception {
        if (child != null && child.isAlive()) {
            child.destroy();
            child.waitFor();
        }
    }

    @Test
    void a_start_after_the_previous_process_was_killed_stops_its_orphaned_postmaster_and_keeps_the_data()
            throws Exception {
        child = startChild();
        child.destroyForcibly().waitFor();
        Optional<ProcessHandle> orphan = ProcessHandle.of(postmasterPid());
        assertThat(orphan).hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());

        try (Database database = Database.start(DatabaseSettings.embedded(dataDirectory))) {
            assertThat(orphan.orElseThrow().isAlive()).isFalse();
            assertThat(database.leases().find("collector")).map(lease -> lease.holder()).contains("crashed-replica");
        }
    }

    @Test
    void a_data_directory_in_use_by_a_running_process_is_refused() throws Exception {
        child = startChild();

        assertThatThrownBy(() -> Database.start(DatabaseSettings.embedded(dataDirectory)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in use by another process");
        assertThat(child.isAlive()).isTrue();
    }

    private Process startChild() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                EmbeddedDatabaseProcess.class.getName(), dataDirectory.toString()))
                .redirectErrorStream(true)
                .start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = output.readLine()) != null && !line.equals("READY")) {
            // The child's log; READY follows once the database is up.
        }
        assertThat(line).as("the child process started its database").isEqualTo("READY");
        Thread.ofVirtual().start(() -> drain(output));
        return process;
    }

    /** Keeps reading the child's log so that it never blocks on a full pipe; ends when the child does. */
    private static void drain(BufferedReader output) {
        try {
            while (output.readLine() != null) {
                // discarded
            }
        } catch (IOException e) {
            // The child was killed: nothing more to read.
        }
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postgres/postmaster.pid")).getFirst().strip());
    }
}
