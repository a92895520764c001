package io.stackpilot.cli.config;

import io.stackpilot.cli.CliEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigStoreTest {
    @TempDir
    Path directory;

    private static final ContextEntry ENTRY = new ContextEntry("http://api:8080", "secret-token",
            Instant.parse("2026-11-22T18:00:00Z"), "demo", "u-1", "Default", "demo", "p-1", "Default",
            List.of("member"));

    @Test
    void a_saved_config_loads_back_equal() {
        ConfigStore store = new ConfigStore(directory.resolve("a/b/config.json"));
        CliConfig config = CliConfig.EMPTY.withContext("lab", ENTRY).withContext("other", ENTRY.withoutToken())
                .withCurrent("lab");

        store.save(config);

        assertThat(store.load()).isEqualTo(config);
        assertThat(store.load().contexts().keySet()).containsExactly("lab", "other");
    }

    @Test
    void saving_again_keeps_the_file_private_even_if_it_was_opened_up() throws Exception {
        ConfigStore store = new ConfigStore(directory.resolve("config.json"));
        store.save(CliConfig.EMPTY.withContext("lab", ENTRY));
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));

        store.save(CliConfig.EMPTY.withContext("lab", ENTRY));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        try (var files = Files.list(directory)) {
            assertThat(files).containsExactly(store.file());
        }
    }

    @Test
    void a_missing_file_is_an_empty_config() {
        assertThat(new ConfigStore(directory.resolve("none.json")).load()).isEqualTo(CliConfig.EMPTY);
    }

    @Test
    void a_damaged_file_is_reported_with_its_path() throws Exception {
        Path file = directory.resolve("config.json");
        Files.writeString(file, "{broken");

        assertThatThrownBy(() -> new ConfigStore(file).load()).hasMessageContaining(file.toString())
                .hasMessageContaining("remove it and log in again");
    }

    @Test
    void the_location_follows_STACKPILOT_CONFIG_then_XDG_CONFIG_HOME() {
        assertThat(ConfigStore.forEnvironment(environment(Map.of("STACKPILOT_CONFIG", "/x/c.json",
                "XDG_CONFIG_HOME", "/xdg"))).file()).isEqualTo(Path.of("/x/c.json"));
        assertThat(ConfigStore.forEnvironment(environment(Map.of("XDG_CONFIG_HOME", "/xdg"))).file())
                .isEqualTo(Path.of("/xdg/stackpilot/config.json"));
        assertThat(ConfigStore.forEnvironment(environment(Map.of())).file())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "stackpilot", "config.json"));
    }

    @Test
    void a_context_never_shows_its_token_in_to_string() {
        assertThat(ENTRY.toString()).doesNotContain("secret-token").contains("token=***");
    }

    private static CliEnvironment environment(Map<String, String> variables) {
        return new CliEnvironment(variables, InputStream.nullInputStream(), prompt -> null, Clock.systemUTC());
    }
}
