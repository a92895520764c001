package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.testing.TestData;
import io.stackpilot.server.console.Browser;
import io.stackpilot.server.jobs.EngineLoop;
import java.time.Duration;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;

/**
 * The console's pages over the desired-state engine in headless Chromium, on the fake cloud: schedules (create
 * through the form, next start and end, disable, enable, runs, delete, the API's problems next to their fields),
 * managed servers (import, phase, conditions, events, operations, location) and a preempted server. The test
 * drives the engine's rounds and the server's clock itself ({@code 2026-11-22T06:00Z}, a Sunday), so nothing here
 * waits for a timer of the engine; the page's own refresh is awaited with {@link Browser#WAIT}.
 */
class ConsoleEngineBrowserIT {
    private static final By MAIN_TABLE = By.cssSelector("main table");

    private final TestServer app = TestServer.start();
    private final EngineLoop engine = app.wiring.engineLoop();
    private final Browser browser = Browser.open("http://127.0.0.1:" + app.server.port());

    @RegisterExtension
    final TestExecutionExceptionHandler screenshotOnFailure = (context, failure) -> {
        browser.screenshot("failure-" + context.getRequiredTestMethod().getName());
        throw failure;
    };

    @AfterEach
    void stop() {
        try {
            browser.close();
        } finally {
            app.close();
        }
    }

    /** The engine's rounds with the clock standing, as often as a window needs to settle on fakes. */
    private void converge() {
        for (int round = 0; round < 3; round++) {
            engine.runUntilIdle();
            app.clock.advance(Duration.ofSeconds(31));
        }
    }

    /** A fact of the page's definition list: the {@code dd} after the {@code dt} that names it. */
    private static By fact(String term) {
        return By.xpath("//dl[@class='facts']/dt[.='" + term + "']/following-sibling::dd[1]");
    }

    /** A cell of the table with this caption: row and column from 1. */
    private static By cell(String caption, int row, int column) {
        return By.xpath("//table[caption='" + caption + "']/tbody/tr[" + row + "]/td[" + column + "]");
    }

    private void awaitCells(String caption, int row, String... texts) {
        for (int column = 1; column <= texts.length; column++) {
            if (texts[column - 1] != null) {
                browser.awaitText(cell(caption, row, column), texts[column - 1], Browser.WAIT);
            }
        }
    }

    private void signInAt(String page) {
        browser.go("/ui/#/" + page);
        browser.signIn("demo", "demo", "demo");
    }

    @Test
    void a_schedule_made_in_the_form_is_listed_with_its_next_window_runs_is_disabled_enabled_and_deleted() {
        browser.timeZone("Europe/Rome");
        signInAt("schedules");
        assertThat(browser.value(By.id("schedule-zone"))).as("preselected from the browser").isEqualTo("Europe/Rome");

        browser.type(By.id("schedule-name"), "peak");
        browser.select(By.id("schedule-flavor"), "m1.tiny");
        browser.select(By.id("schedule-image"), "cirros-0.6-lab");
        browser.type(By.id("schedule-count"), "2");
        browser.click(By.cssSelector("#schedule-networks input[value='private']"));
        browser.screenshot("fake-schedule-form");
        browser.click(By.id("schedule-submit"));

        // Every day 08:00-18:00 in Rome, and it is 07:00 there: the window opens at 07:00Z and closes at 17:00Z.
        browser.awaitTexts(MAIN_TABLE, Browser.WAIT, "peak", "every day 08:00–18:00 (Europe/Rome)", "0 of 2",
                "Waiting");
        browser.await(By.cssSelector("main table time[datetime='2026-11-22T07:00:00Z']"));
        browser.await(By.cssSelector("main table time[datetime='2026-11-22T17:00:00Z']"));
        browser.awaitText(By.id("schedule-problem"), "Schedule peak created.", Browser.WAIT);

        app.clock.set(Instant.parse("2026-11-22T07:00:30Z"));
        converge();
        browser.click(By.linkText("peak"));
        browser.awaitText(fact("State"), "Active", Browser.WAIT);
        browser.awaitTexts(fact("Servers now"), Browser.WAIT, "peak-1 Ready", "peak-2 Ready");
        // Window, started, wanted, made, ended, removed.
        awaitCells("Windows served, newest first", 1, "→", null, "2", "2", "open", "0");
        assertThat(browser.driver().findElements(By.cssSelector("main table tbody tr"))).hasSize(1);
        browser.screenshot("fake-schedule-runs");
        assertThat(app.cloud.allServers()).extracting(vm -> vm.name()).containsExactlyInAnyOrder("peak-1", "peak-2");

        browser.click(By.linkText("← Schedules"));
        browser.awaitTexts(MAIN_TABLE, Browser.WAIT, "2 of 2", "Active");
        browser.screenshot("fake-schedules");
        browser.click(By.cssSelector("button[data-toggle='peak']"));
        browser.awaitTexts(MAIN_TABLE, Browser.WAIT, "Disabled", "Enable");
        converge();
        assertThat(app.cloud.allServers()).as("a disabled schedule holds no servers").isEmpty();
        browser.click(By.cssSelector("button[data-toggle='peak']"));
        browser.awaitTexts(MAIN_TABLE, Browser.WAIT, "Active", "Disable");
        converge();
        assertThat(app.cloud.allServers()).hasSize(2);

        browser.click(By.cssSelector("button[data-delete='peak']"));
        browser.acceptConfirm();
        browser.awaitTexts(MAIN_TABLE, Browser.WAIT, "Deleting", "being deleted");
        converge();
        // The list refreshes by itself while a schedule is being deleted.
        browser.awaitText(By.cssSelector("main"), "No schedules in this project yet.", Browser.WAIT);
        assertThat(app.cloud.allServers()).isEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void the_api_s_problems_with_a_schedule_appear_next_to_the_fields_they_concern() {
        signInAt("schedules");
        browser.type(By.id("schedule-name"), "peak");
        browser.type(By.id("schedule-count"), "0");
        browser.type(By.id("schedule-zone"), "Mars/Olympus");
        for (String day : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
            browser.click(By.cssSelector("#schedule-days input[value='" + day + "']"));
        }
        browser.click(By.id("schedule-submit"));

        browser.awaitText(By.id("schedule-count-error"), "must be 1..100, was 0", Browser.WAIT);
        browser.awaitText(By.id("schedule-zone-error"), "unknown time zone \"Mars/Olympus\"", Browser.WAIT);
        browser.awaitText(By.id("schedule-days-error"), "needs at least one day", Browser.WAIT);
        browser.awaitText(By.id("schedule-networks-error"), "at least one network", Browser.WAIT);
        for (String control : List.of("schedule-count", "schedule-zone", "schedule-days", "schedule-networks")) {
            assertThat(browser.await(By.id(control)).getAttribute("aria-invalid")).as(control).isEqualTo("true");
        }
        assertThat(browser.driver().findElements(By.cssSelector("main table"))).as("nothing was stored").isEmpty();
        browser.screenshot("fake-schedule-errors");
        List<String> errors = browser.consoleErrors();
        assertThat(errors).hasSize(1);
        assertThat(errors.getFirst()).contains("/api/v1/schedules", "400");
    }

    @Test
    void managed_servers_show_phase_conditions_events_location_and_operations_and_a_server_is_imported_in_the_form() {
        String demo = app.token(TestData.demo());
        HttpResponse<String> declared = app.send("PUT", "/api/v1/managed-servers/web-2", demo,
                "{\"flavor\":\"m1.tiny\",\"image\":\"cirros-0.6-lab\",\"networks\":[\"private\"]}",
                Map.of("Content-Type", "application/json"));
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        String serverId = TestServer.json(app.post("/api/v1/servers", demo, """
                {"name":"web-1","flavor_id":"1","image_id":"%s","network_ids":["%s"]}""".formatted(
                TestData.CIRROS_IMAGE_ID, TestData.PRIVATE_NETWORK_ID), Map.of())).get("id").asText();
        converge();
        signInAt("managed");
        browser.awaitTexts(MAIN_TABLE, Browser.WAIT, "web-2", "Ready", "ACTIVE", "default / RegionOne");

        browser.select(By.id("import-server"), "web-1 (");
        browser.click(By.id("import-submit"));
        browser.awaitText(By.cssSelector("main"), "Imported: web-1.", Browser.WAIT);
        converge();
        // Name, phase, server status, addresses, flavor, image, location, managed.
        awaitCells("Managed servers", 1, "web-1", "Ready", "ACTIVE", "10.0.0.", "m1.tiny", "cirros-0.6-lab",
                "default / RegionOne", "observed");
        awaitCells("Managed servers", 2, "web-2", "Ready", "ACTIVE", "10.0.0.", "m1.tiny", "cirros-0.6-lab",
                "default / RegionOne", "yes");
        browser.screenshot("fake-managed-list");

        browser.click(By.linkText("web-2"));
        browser.awaitText(fact("Phase"), "Ready", Browser.WAIT);
        browser.awaitText(fact("Location"), "default / RegionOne", Browser.WAIT);
        awaitCells("Conditions", 1, "Ready", "true");
        browser.awaitTexts(By.xpath("//table[caption='Events, newest first']"), Browser.WAIT, "Declared",
                "EnqueuedCreate");
        awaitCells("Operations", 1, "create", "succeeded", "1", "no VM exists");
        browser.screenshot("fake-managed-detail");

        browser.click(By.linkText("Operations"));
        // Kind, managed server, state.
        awaitCells("Operations", 1, "create", "web-2", "succeeded");
        browser.screenshot("fake-operations");

        browser.click(By.linkText("Servers"));
        browser.awaitTexts(MAIN_TABLE, Browser.WAIT, "Location", "web-1", "web-2", "default / RegionOne");

        // The imported VM goes behind the engine's back: observed only, it turns Gone.
        app.cloud.removeServer(new ServerId(serverId));
        converge();
        browser.click(By.linkText("Managed servers"));
        browser.click(By.linkText("web-1"));
        browser.awaitText(fact("Phase"), "Gone", Browser.WAIT);
        browser.awaitTexts(By.xpath("//table[caption='Events, newest first']"), Browser.WAIT, "Imported");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void a_preemptible_server_launched_in_the_form_and_then_preempted_says_by_what_and_why() {
        app.cloud.setInstanceQuota(TestData.DEMO.id(), 1);
        signInAt("launch");
        browser.type(By.id("launch-name"), "spot");
        browser.select(By.id("launch-image"), "cirros-0.6-lab");
        browser.click(By.cssSelector("input[name=network_ids][value='" + TestData.PRIVATE_NETWORK_ID + "']"));
        browser.click(By.id("launch-preemptible"));
        browser.click(By.id("launch-submit"));
        browser.awaitText(fact("Status"), "ACTIVE", Browser.WAIT);
        browser.awaitText(fact("Preemptible"), "yes", Browser.WAIT);

        String demo = app.token(TestData.demo());
        app.clock.advance(Duration.ofMinutes(1));
        String standard = TestServer.json(app.post("/api/v1/servers", demo, """
                {"name":"standard","flavor_id":"1","image_id":"%s","network_ids":["%s"]}""".formatted(
                TestData.CIRROS_IMAGE_ID, TestData.PRIVATE_NETWORK_ID), Map.of())).get("id").asText();

        browser.click(By.linkText("Servers"));
        browser.awaitTexts(By.id("preempted-servers"), Browser.WAIT, "Recently preempted", "spot", "quota");
        browser.screenshot("fake-servers-preempted");
        browser.click(By.cssSelector("#preempted-servers a"));
        browser.awaitTexts(By.id("preempted"), Browser.WAIT, "Preempted", "quota", standard);
        browser.awaitText(By.id("page-title"), "spot (preempted)", Browser.WAIT);
        browser.screenshot("fake-server-preempted");
        browser.click(By.linkText(standard));
        browser.awaitText(By.id("page-title"), "standard", Browser.WAIT);
        browser.awaitText(fact("Preemptible"), "no", Browser.WAIT);
        // The one error the browser may report: the preempted server's own GET, answered 404.
        List<String> errors = browser.consoleErrors();
        assertThat(errors).hasSize(1);
        assertThat(errors.getFirst()).contains("/api/v1/servers/", "404");
    }
}
