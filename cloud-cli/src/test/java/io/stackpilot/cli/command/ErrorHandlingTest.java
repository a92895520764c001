package io.stackpilot.cli.command;

import io.stackpilot.cli.testing.LoggedInCliTest;
import io.stackpilot.cli.testing.FakeStackpilotApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


import static org.assertj.core.api.Assertions.assertThat;

class ErrorHandlingTest extends LoggedInCliTest {
    @ParameterizedTest(name = "{0} {1} -> exit {2}")
    @CsvSource({
            "500, internal-error, 1",
            "400, invalid-request, 4",
            "404, not-found, 3",
            "409, conflict, 4",
            "413, payload-too-large, 4",
            "429, too-many-requests, 4",
            "403, forbidden, 5",
            "502, upstream-failure, 6",
            "503, upstream-unavailable, 6",
            "504, upstream-timeout, 6"})
    void every_problem_status_maps_to_its_exit_code_and_one_line(int status, String slug, int exitCode) {
        api.respond("GET", "/api/v1/flavors", status, FakeStackpilotApi.problem(status, slug, "Some title",
                "what went wrong", "/api/v1/flavors"));

        var result = cli.run("flavor", "list");

        assertThat(result.exitCode()).isEqualTo(exitCode);
        assertThat(result.err()).isEqualTo("Some title: what went wrong [request req-fake-1]\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void a_401_from_the_server_says_to_log_in_again_with_exit_5() {
        cli.loggedInTo("default", api.url());
        api.respond("GET", "/api/v1/servers", 401, FakeStackpilotApi.problem(401, "unauthenticated",
                "Unauthenticated", "token expired", "/api/v1/servers"));

        var result = cli.run("server", "list");

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).isEqualTo("not logged in or session expired; run stackpilot login\n");
    }

    @Test
    void an_error_page_from_a_proxy_still_gives_one_line_and_the_exit_code() {
        api.respond("GET", "/api/v1/flavors", 503, "<html>busy</html>");

        var result = cli.run("flavor", "list");

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.err()).isEqualTo("Service Unavailable [request req-fake-1]\n");
    }

    @Test
    void an_unreachable_server_exits_6() {
        String url = api.url();
        api.close();

        var result = cli.run("flavor", "list");

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.err()).startsWith("cannot reach Stackpilot at " + url).doesNotContain("\tat ");
        assertThat(result.err().lines()).hasSize(1);
    }

    @Test
    void debug_adds_the_stack_trace() {
        api.close();

        var result = cli.run("--debug", "flavor", "list");

        assertThat(result.exitCode()).isEqualTo(6);
        // The trace of the failed request (--debug) comes first, then the error line and its stack trace.
        assertThat(result.err()).containsPattern("(?m)^cannot reach Stackpilot").contains("\tat io.stackpilot.cli.");
    }

    @Test
    void a_response_that_is_not_json_is_an_internal_error_exit_1() {
        api.respond("GET", "/api/v1/flavors", 200, "{not json");

        var result = cli.run("flavor", "list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("the server sent a body that is not JSON\n");
    }

    @Test
    void an_html_page_with_status_200_is_reported_as_not_the_api() {
        api.respond("GET", "/api/v1/flavors", 200, "<html>swagger</html>");
        api.contentType("GET", "/api/v1/flavors", "text/html");

        var result = cli.run("flavor", "list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("expected JSON but got text/html from " + api.url() + "/api/v1/flavors;");
    }

    @Test
    void unknown_commands_and_missing_subcommands_are_usage_errors() {
        var unknown = cli.run("servers", "list");
        var missing = cli.run("server");
        var none = cli.run();

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched arguments from index 0: 'servers', 'list'");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required subcommand", "Usage: stackpilot server");
        assertThat(none.exitCode()).isEqualTo(2);
    }

    @Test
    void help_and_version_exit_0() {
        var help = cli.run("--help");
        var version = cli.run("--version");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Exit codes:", "6   server or cloud unavailable", "server", "completion");
        assertThat(version.out()).isEqualTo("stackpilot dev\n");
    }
}
