package io.stackpilot.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.cli.testing.LoggedInCliTest;
import org.junit.jupiter.api.Test;

class ManagedServerShowCommandTest extends LoggedInCliTest {
    private static final String PLACED = """
            {"id": "0b6d7f1e-0000-4000-8000-000000000001", "name": "web", "project_id": "demo", "managed": true,
             "reconcile": true, "generation": 1,
             "spec": {"flavor": "m1.tiny", "image": "cirros", "networks": ["private"], "preemptible": false,
                      "update_policy": "manual", "placement": {"locations": "any", "strategy": "fill-first"}},
             "status": {"phase": "Ready", "observed_generation": 1, "server_id": "vm-1", "server_status": "ACTIVE",
                        "addresses": [], "cloud": "lab-west", "region": "RegionOne", "conditions": [],
                        "last_reconciled_at": "2026-12-01T10:01:00Z",
                        "placement": {"location": "lab-west/RegionOne", "strategy": "fill-first", "tried": [
                          {"location": "lab-east/RegionOne", "reason": "the VM found no host (No valid host was found)",
                           "at": "2026-12-01T10:00:30Z"}]}}}
            """;

    @Test
    void show_names_the_location_the_placement_and_every_location_tried_with_its_reason() {
        api.respond("GET", "/api/v1/managed-servers/web", 200, PLACED);

        var result = cli.run("managed-server", "show", "web", "-f", "value", "-c", "location", "-c", "placement",
                "-c", "tried");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).containsExactly("lab-west/RegionOne", "lab-west/RegionOne (fill-first)",
                "lab-east/RegionOne at 2026-12-01T10:00:30Z: the VM found no host (No valid host was found)");
    }

    @Test
    void show_of_a_server_without_a_placement_has_no_placement_fields() {
        api.respond("GET", "/api/v1/managed-servers/web", 200, PLACED.replaceAll(
                "(?s),\\s*\"placement\": \\{\"location\".*\\]\\}", ""));

        var result = cli.run("managed-server", "show", "web", "-f", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("\"location\"").doesNotContain("\"tried\"");
    }
}
