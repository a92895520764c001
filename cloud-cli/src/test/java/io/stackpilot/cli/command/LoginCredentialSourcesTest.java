package io.stackpilot.cli.command;

import io.stackpilot.cli.testing.CliRunner;
import io.stackpilot.cli.testing.FakeStackpilotApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code login} takes python-openstackclient's OS_* variables and clouds.yaml entries as defaults, and never sends
 * one user's password with another user's name.
 */
class LoginCredentialSourcesTest {
    private static final String ADMIN_PASSWORD = "admin-secret-from-the-lab";
    private static final String CLOUDS = """
            clouds:
              lab-demo:
                auth:
                  auth_url: http://127.0.0.1:5000/v3
                  username: demo
                  password: "%s"
                  project_name: demo
                  user_domain_name: Default
                  project_domain_name: Default
                region_name: RegionOne
              partner:
                auth:
                  username: partner-user
                  password: "%s"
                  project_name: partner-a
                  domain_name: partner
            """.formatted(FakeStackpilotApi.PASSWORD, FakeStackpilotApi.PASSWORD);

    @TempDir
    Path directory;
    FakeStackpilotApi api;
    CliRunner cli;

    @BeforeEach
    void start() {
        api = FakeStackpilotApi.start();
        cli = new CliRunner(directory).env("STACKPILOT_URL", api.url()).env("HOME", directory.toString());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** What {@code eval "$(deploy/openstack-lab/up)"} leaves in the shell. */
    private CliRunner afterTheLabsUp() {
        return cli.env("OS_AUTH_URL", "http://127.0.0.1:5000/v3").env("OS_USERNAME", "admin")
                .env("OS_PASSWORD", ADMIN_PASSWORD).env("OS_PROJECT_NAME", "admin")
                .env("OS_USER_DOMAIN_NAME", "Default").env("OS_PROJECT_DOMAIN_NAME", "Default");
    }

    @Test
    void the_os_variables_are_the_defaults_of_user_project_domains_and_password() {
        var result = cli.env("OS_USERNAME", "partner-user").env("OS_PASSWORD", FakeStackpilotApi.PASSWORD)
                .env("OS_PROJECT_NAME", "partner-a").env("OS_USER_DOMAIN_NAME", "partner")
                .env("OS_PROJECT_DOMAIN_NAME", "partner").run("login");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(api.requests("POST", "/api/v1/auth/tokens").get(0).json().toString()).isEqualTo(
                "{\"username\":\"partner-user\",\"password\":\"s3cret\",\"user_domain\":\"partner\","
                        + "\"project\":\"partner-a\",\"project_domain\":\"partner\"}");
    }

    @Test
    void another_username_than_the_environments_is_asked_for_its_own_password() {
        var result = afterTheLabsUp().typedPassword(FakeStackpilotApi.PASSWORD)
                .run("login", "--username", "demo", "--project", "demo");

        assertThat(result.exitCode()).as(result.err()).isZero();
        var body = api.requests("POST", "/api/v1/auth/tokens").get(0).json();
        assertThat(body.path("username").asText()).isEqualTo("demo");
        assertThat(body.path("password").asText()).isEqualTo(FakeStackpilotApi.PASSWORD);
    }

    @Test
    void another_username_without_a_terminal_fails_clearly_and_sends_nothing() {
        var result = afterTheLabsUp().typedPassword(null).run("login", "--username", "demo", "--project", "demo");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("No terminal to ask for the password of demo", "OS_USERNAME=demo")
                .doesNotContain(ADMIN_PASSWORD);
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void the_same_name_in_another_domain_is_another_user() {
        afterTheLabsUp().typedPassword(null).run("login", "--username", "admin", "--user-domain", "partner");

        assertThat(api.requests()).isEmpty();
    }

    @Test
    void the_environments_own_user_gets_the_environments_password() {
        afterTheLabsUp().run("login", "--username", "admin");

        assertThat(api.requests("POST", "/api/v1/auth/tokens").get(0).json().path("password").asText())
                .isEqualTo(ADMIN_PASSWORD);
    }

    @Test
    void a_context_being_refreshed_keeps_its_user_and_does_not_take_the_environments_password() {
        cli.typedPassword(FakeStackpilotApi.PASSWORD).run("login", "--username", "demo", "--project", "demo");

        var refresh = afterTheLabsUp().typedPassword(null).run("login");

        assertThat(refresh.exitCode()).isEqualTo(2);
        assertThat(api.requests("POST", "/api/v1/auth/tokens")).hasSize(1);
    }

    @Test
    void os_cloud_reads_the_entry_from_OS_CLIENT_CONFIG_FILE_and_ignores_the_os_variables() throws IOException {
        Path clouds = Files.writeString(directory.resolve("my-clouds.yaml"), CLOUDS);

        var result = afterTheLabsUp().env("OS_CLIENT_CONFIG_FILE", clouds.toString()).run("login", "--os-cloud",
                "lab-demo");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(api.requests("POST", "/api/v1/auth/tokens").get(0).json().toString()).isEqualTo(
                "{\"username\":\"demo\",\"password\":\"s3cret\",\"user_domain\":\"Default\","
                        + "\"project\":\"demo\",\"project_domain\":\"Default\"}");
    }

    @Test
    void OS_CLOUD_selects_an_entry_in_the_users_config_directory_and_domain_name_sets_both_domains()
            throws IOException {
        Files.createDirectories(directory.resolve(".config/openstack"));
        Files.writeString(directory.resolve(".config/openstack/clouds.yaml"), CLOUDS);

        var result = cli.env("OS_CLOUD", "partner").run("login");

        assertThat(result.exitCode()).as(result.err()).isZero();
        var body = api.requests("POST", "/api/v1/auth/tokens").get(0).json();
        assertThat(body.path("username").asText()).isEqualTo("partner-user");
        assertThat(body.path("user_domain").asText()).isEqualTo("partner");
        assertThat(body.path("project_domain").asText()).isEqualTo("partner");
    }

    @Test
    void a_clouds_password_is_not_sent_for_a_username_given_on_the_command_line() throws IOException {
        Path clouds = Files.writeString(directory.resolve("clouds.yaml"), CLOUDS);

        var result = cli.env("OS_CLIENT_CONFIG_FILE", clouds.toString()).typedPassword(null)
                .run("login", "--os-cloud", "lab-demo", "--username", "alt-demo");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void an_unknown_cloud_is_a_usage_error_that_names_the_known_ones() throws IOException {
        Path clouds = Files.writeString(directory.resolve("clouds.yaml"), CLOUDS);

        var result = cli.env("OS_CLIENT_CONFIG_FILE", clouds.toString()).run("login", "--os-cloud", "nope");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no cloud named 'nope'", "the clouds are: lab-demo, partner");
    }

    @Test
    void os_cloud_without_any_clouds_yaml_says_where_it_looked() {
        var result = cli.env("XDG_CONFIG_HOME", directory.resolve("xdg").toString()).run("login", "--os-cloud", "x");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no clouds.yaml found", directory.resolve("xdg/openstack/clouds.yaml")
                .toString());
    }
}
