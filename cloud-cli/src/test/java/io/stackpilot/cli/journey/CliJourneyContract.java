package io.stackpilot.cli.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.cli.config.ContextEntry;
import io.stackpilot.cli.testing.CliRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user's journey through the CLI, written against the HTTP contract only, so it runs against any Stackpilot API:
 * the in-test fake ({@code FakeApiCliJourneyTest}) and, in an {@code *IT} the lead adds, the real server started
 * in-process (over {@code FakeCloud}) or in front of the lab. It needs the lab's names: flavor m1.tiny, image
 * cirros-0.6-lab, network private. Servers it creates are named {@link #serverPrefix()}-random and deleted.
 */
public abstract class CliJourneyContract {
    @TempDir
    protected Path directory;
    protected CliRunner cli;

    /** The API's base URL (scheme, host, port; no /api/v1). */
    protected abstract String url();

    protected abstract String username();

    protected abstract String password();

    protected abstract String project();

    protected String serverPrefix() {
        return "cli-journey";
    }

    /** Polling for --wait; a fake can answer at once, the lab needs seconds. */
    protected String pollInterval() {
        return "10ms";
    }

    /** Whether a launched server has an IP address by the time it is ACTIVE (the in-test fake gives none). */
    protected boolean activeServersHaveAddresses() {
        return false;
    }

    @BeforeEach
    void newCli() {
        cli = new CliRunner(directory);
    }

    @Test
    void a_user_logs_in_launches_a_server_waits_for_it_finds_it_and_deletes_it() throws Exception {
        String name = serverPrefix() + "-" + UUID.randomUUID().toString().substring(0, 8);
        var login = cli.stdin(password() + "\n").run("login", "--url", url(), "--username", username(),
                "--project", project(), "--password-stdin");
        assertThat(login.exitCode()).as(login.err()).isZero();
        assertThat(cli.run("whoami", "-f", "value", "-c", "project").out()).isEqualTo(project() + "\n");

        assertThat(cli.run("flavor", "list", "-f", "value", "-c", "Name").out().lines()).contains("m1.tiny");
        assertThat(cli.run("image", "list", "-f", "value", "-c", "Name").out().lines()).contains("cirros-0.6-lab");
        assertThat(cli.run("network", "list", "-f", "value", "-c", "Name").out().lines()).contains("private");

        var create = cli.run("server", "create", name, "--flavor", "m1.tiny", "--image", "cirros-0.6-lab",
                "--network", "private", "--wait", "--timeout", "3m", "--poll-interval", pollInterval(), "-f", "json");
        assertThat(create.exitCode()).as(create.err()).isZero();
        JsonNode created = new ObjectMapper().readTree(create.out());
        String id = created.path("id").asText();
        assertThat(created.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(created.path("name").asText()).isEqualTo(name);
        assertThat(create.err()).contains(name + ": ACTIVE (");

        try {
            assertThat(cli.run("server", "list", "--all", "-f", "value", "-c", "ID", "-c", "Name").out().lines())
                    .contains(id + " " + name);
            if (activeServersHaveAddresses()) {
                assertThat(cli.run("server", "list", "--all", "--name", name, "-f", "value", "-c", "Networks").out())
                        .matches("private=[0-9a-f.:]+(, [0-9a-f.:]+)*\\n");
            }
            assertThat(cli.run("server", "show", name, "-f", "value", "-c", "id").out()).isEqualTo(id + "\n");
        } finally {
            var delete = cli.run("server", "delete", id, "--wait", "--timeout", "3m", "--poll-interval",
                    pollInterval());
            assertThat(delete.exitCode()).as(delete.err()).isZero();
        }
        var gone = cli.run("server", "show", id);
        assertThat(gone.exitCode()).isEqualTo(3);
    }

    @Test
    void logout_revokes_the_token_so_that_a_copy_of_it_is_refused_too() {
        cli.stdin(password() + "\n").run("login", "--url", url(), "--username", username(), "--project",
                project(), "--password-stdin");
        ContextEntry loggedIn = cli.config().context("default").orElseThrow();

        var logout = cli.run("logout");
        // Someone who copied the token before the logout puts it back.
        cli.store().save(cli.config().withContext("default", loggedIn));
        var withTheCopy = cli.run("flavor", "list");

        assertThat(logout.exitCode()).isZero();
        assertThat(logout.err()).as("no warning: the revocation worked").isEmpty();
        assertThat(withTheCopy.exitCode()).isEqualTo(5);
    }

    @Test
    void a_wrong_password_is_exit_5_and_an_unknown_flavor_is_exit_3_with_nothing_created() {
        var wrong = cli.stdin("not-" + password() + "\n").run("login", "--url", url(), "--username", username(),
                "--project", project(), "--password-stdin");
        assertThat(wrong.exitCode()).isEqualTo(5);
        assertThat(wrong.err()).startsWith("login failed: ");

        cli.stdin(password() + "\n").run("login", "--url", url(), "--username", username(), "--project",
                project(), "--password-stdin");
        String name = serverPrefix() + "-" + UUID.randomUUID().toString().substring(0, 8);
        var create = cli.run("server", "create", name, "--flavor", "no-such-flavor", "--image", "cirros-0.6-lab",
                "--network", "private");

        assertThat(create.exitCode()).isEqualTo(3);
        assertThat(create.err()).isEqualTo("no flavor with the name or ID 'no-such-flavor'\n");
        assertThat(cli.run("server", "list", "--all", "--name", name, "-f", "value", "-c", "ID").out()).isEmpty();
    }
}
