package io.stackpilot.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseSettingsTest {
    private final List<String> problems = new ArrayList<>();

    @Test
    void without_a_url_the_embedded_database_lives_under_the_home_directory() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of("HOME", "/home/ops"), problems);

        assertThat(problems).isEmpty();
        assertThat(settings.isEmbedded()).isTrue();
        assertThat(settings.embeddedDataDirectory()).isEqualTo(Path.of("/home/ops/.local/share/stackpilot/postgres"));
        assertThat(settings.poolSize()).isEqualTo(10);
    }

    @Test
    void the_data_directory_comes_from_stackpilot_data_dir() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(
                Map.of("HOME", "/home/ops", "STACKPILOT_DATA_DIR", "/var/lib/stackpilot"), problems);

        assertThat(settings.embeddedDataDirectory()).isEqualTo(Path.of("/var/lib/stackpilot/postgres"));
    }

    @Test
    void a_url_selects_an_external_database_with_user_password_and_pool_size() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of(
                "STACKPILOT_DB_URL", "jdbc:postgresql://db:5432/stackpilot", "STACKPILOT_DB_USER", "sp",
                "STACKPILOT_DB_PASSWORD", "s3cret", "STACKPILOT_DB_POOL_SIZE", "4"), problems);

        assertThat(problems).isEmpty();
        assertThat(settings).isEqualTo(
                DatabaseSettings.external("jdbc:postgresql://db:5432/stackpilot", "sp", "s3cret", 4));
        assertThat(settings.isEmbedded()).isFalse();
    }

    @Test
    void the_password_file_is_read_without_its_trailing_newline(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("password"), "s3cret with spaces \n");

        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of(
                "STACKPILOT_DB_URL", "jdbc:postgresql://db/stackpilot", "STACKPILOT_DB_PASSWORD_FILE",
                file.toString()), problems);

        assertThat(problems).isEmpty();
        assertThat(settings.password()).isEqualTo("s3cret with spaces ");
    }

    @Test
    void every_problem_is_reported_at_once() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of(
                "STACKPILOT_DB_URL", "postgres://db/stackpilot", "STACKPILOT_DB_PASSWORD", "s3cret",
                "STACKPILOT_DB_PASSWORD_FILE", "/run/secrets/db", "STACKPILOT_DB_POOL_SIZE", "many"), problems);

        assertThat(settings).isNull();
        assertThat(problems).hasSize(3)
                .anySatisfy(problem -> assertThat(problem).contains("STACKPILOT_DB_URL"))
                .anySatisfy(problem -> assertThat(problem).contains("only one of STACKPILOT_DB_PASSWORD"))
                .anySatisfy(problem -> assertThat(problem).contains("STACKPILOT_DB_POOL_SIZE"));
        assertThat(String.join(" ", problems)).doesNotContain("s3cret");
    }

    @Test
    void credentials_without_a_url_are_a_problem_rather_than_silently_embedded() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of("STACKPILOT_DB_USER", "sp"), problems);

        assertThat(settings).isNull();
        assertThat(problems).singleElement().asString().contains("STACKPILOT_DB_URL is not");
    }

    @Test
    void an_unreadable_password_file_is_a_problem() {
        DatabaseSettings settings = DatabaseSettings.fromEnvironment(Map.of(
                "STACKPILOT_DB_URL", "jdbc:postgresql://db/stackpilot",
                "STACKPILOT_DB_PASSWORD_FILE", "/nonexistent/password"), problems);

        assertThat(settings).isNull();
        assertThat(problems).singleElement().asString().contains("/nonexistent/password");
    }

    @Test
    void the_password_never_appears_in_to_string() {
        DatabaseSettings settings = DatabaseSettings.external("jdbc:postgresql://db/x", "sp", "s3cret", 10);

        assertThat(settings.toString()).doesNotContain("s3cret").contains("password=***");
    }

    @Test
    void a_password_in_the_url_is_masked_in_to_string_and_in_the_url_for_the_log() {
        // The "Database ready" line logged the URL as it was; the fuzz suite found the test database's password there.
        DatabaseSettings settings = DatabaseSettings.external(
                "jdbc:postgresql://db/x?user=sp&password=s3cret&ssl=true", null, null, 10);

        assertThat(settings.toString()).doesNotContain("s3cret").contains("password=***&ssl=true");
        assertThat(DatabaseSettings.maskedUrl("jdbc:postgresql://db/x?PASSWORD=s3cret"))
                .isEqualTo("jdbc:postgresql://db/x?PASSWORD=***");
        assertThat(DatabaseSettings.maskedUrl("jdbc:postgresql://db/x?user=sp")).isEqualTo("jdbc:postgresql://db/x?user=sp");
    }
}
