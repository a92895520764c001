package io.stackpilot.openstack;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.location.ProviderLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up resolution of STACKPILOT_CLOUDS / STACKPILOT_REGIONS against a stub Keystone whose catalog has RegionOne. */
class OpenStackLocationsTest {
    private final StubCloud stub = new StubCloud();
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        stub.close();
    }

    private Map<String, String> env(String clouds, String regions) throws IOException {
        Path file = dir.resolve("clouds.yaml");
        Files.writeString(file, """
                clouds:
                  east:
                    auth: {auth_url: %1$s/v3, username: east-svc, password: pw, project_name: east,
                           user_domain_name: Default, project_domain_name: Default}
                  west:
                    auth: {auth_url: %1$s/v3, username: west-svc, password: pw, project_name: west,
                           user_domain_name: Default, project_domain_name: Default}
                  proxied:
                    auth: {auth_url: %1$s/v3, username: east-svc, password: pw, project_name: east,
                           user_domain_name: Default, project_domain_name: Default}
                    compute_endpoint_override: %1$s/proxied-nova/v2.1
                  gone:
                    auth: {auth_url: 'http://127.0.0.1:1/v3', username: x, password: pw, project_name: x,
                           user_domain_name: Default, project_domain_name: Default}
                """.formatted(stub.baseUrl()));
        Map<String, String> env = new java.util.HashMap<>(Map.of("OS_CLIENT_CONFIG_FILE", file.toString(),
                "STACKPILOT_CLOUDS", clouds, "STACKPILOT_OPENSTACK_CONNECT_TIMEOUT", "PT2S"));
        if (regions != null) {
            env.put("STACKPILOT_REGIONS", regions);
        }
        return env;
    }

    private OpenStackLocations resolve(Map<String, String> env, List<String> problems) {
        LocationSettings settings = LocationSettings.fromEnvironment(env, problems);
        return OpenStackLocations.resolve(settings, stub.cloud.settings(), env, UpstreamObserver.NONE, problems);
    }

    @Test
    void every_region_of_each_catalog_becomes_a_location_in_the_order_of_the_clouds() throws IOException {
        List<String> problems = new ArrayList<>();
        try (OpenStackLocations locations = resolve(env("west,east", null), problems)) {
            assertThat(problems).isEmpty();
            assertThat(locations.locations()).extracting(ProviderLocation::name, ProviderLocation::priority)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("west/RegionOne", 1),
                            org.assertj.core.groups.Tuple.tuple("east/RegionOne", 2));
        }
    }

    @Test
    void limits_come_from_the_locations_nova_with_its_service_account() throws IOException {
        stub.stub(get(urlPathEqualTo("/v2.1/limits")).willReturn(stub.json(200, "nova/limits.json")));
        List<String> problems = new ArrayList<>();
        try (OpenStackLocations locations = resolve(env("east", "east:RegionOne"), problems)) {
            ComputeLimits limits = locations.limits(new Location("east", "RegionOne"));

            assertThat(limits.maxInstances()).isEqualTo(10);
            assertThat(limits.usedInstances()).isEqualTo(2);
            assertThat(stub.requestsTo("GET", "/v2.1/limits").getFirst().getHeader("X-Auth-Token"))
                    .isEqualTo(StubCloud.SERVICE_TOKEN);
        }
    }

    @Test
    void a_clouds_compute_endpoint_override_replaces_the_catalogs_nova_in_every_region() throws IOException {
        stub.stub(get(urlPathEqualTo("/proxied-nova/v2.1/")).willReturn(stub.json(200, "nova/version.json")));
        stub.stub(get(urlPathEqualTo("/proxied-nova/v2.1/limits")).willReturn(stub.json(200, "nova/limits.json")));
        List<String> problems = new ArrayList<>();
        try (OpenStackLocations locations = resolve(env("proxied", null), problems)) {
            ComputeLimits limits = locations.limits(new Location("proxied", "RegionOne"));

            assertThat(problems).isEmpty();
            assertThat(limits.maxInstances()).isEqualTo(10);
            assertThat(stub.requestsTo("GET", "/proxied-nova/v2.1/limits")).hasSize(1);
            assertThat(stub.requestsTo("GET", "/v2.1/limits")).isEmpty();
        }
    }

    @Test
    void an_unknown_cloud_an_unreachable_one_and_a_region_not_in_the_catalog_are_reported_together()
            throws IOException {
        List<String> problems = new ArrayList<>();

        OpenStackLocations locations = resolve(env("east,gone", "east:RegionOne,RegionTwo"), problems);
        List<String> unknown = new ArrayList<>();
        OpenStackLocations none = resolve(env("nowhere", null), unknown);

        assertThat(locations).isNull();
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).isEqualTo("STACKPILOT_REGIONS: cloud 'east' has no compute endpoint in"
                + " region(s) [RegionTwo]; its catalog has [RegionOne]");
        assertThat(problems.get(1)).startsWith("STACKPILOT_CLOUDS: cloud 'gone' at http://127.0.0.1:1/v3 cannot"
                + " be used: ").doesNotContain("pw");
        assertThat(none).isNull();
        assertThat(unknown).singleElement().asString().contains("cloud 'nowhere' (STACKPILOT_CLOUDS) is not defined");
    }
}
