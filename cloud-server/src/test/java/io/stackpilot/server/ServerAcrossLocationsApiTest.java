package io.stackpilot.server;

import static io.stackpilot.server.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.error.UpstreamUnavailableException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.location.Ownership;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.FakeLocations;
import io.stackpilot.core.testing.ForwardingCompute;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/servers?location=} and {@code /api/v1/managed-servers?location=} over two locations: the caller's
 * own (the fake cloud's default location, the caller's token) and a provider location (its service account's
 * project, where only VMs whose owner metadata names the caller's project are the caller's).
 */
class ServerAcrossLocationsApiTest {
    private static final Location EAST = new Location("lab-east", "RegionOne");
    private static final Instant T0 = Instant.parse("2026-11-22T05:00:00Z");

    private final FakeCloud east = FakeCloud.withLabContent(MutableClock.at("2026-11-22T06:00:00Z"));
    private final Set<Location> down = ConcurrentHashMap.newKeySet();
    private final Routing routing = new Routing();
    private final TestServer app = TestServer.withCompute(routing);

    /** The default location is the test server's own fake cloud; EAST is a second one. */
    private final class Routing extends ForwardingCompute {
        private volatile FakeCloud home;

        Routing() {
            super(null);
        }

        @Override
        public java.util.List<io.stackpilot.core.compute.Flavor> listFlavors(Session session) {
            return home.listFlavors(session);
        }

        @Override
        public java.util.Optional<io.stackpilot.core.compute.Flavor> findFlavor(Session session, String id) {
            return home.findFlavor(session, id);
        }

        @Override
        public Page<Server> listServers(Session session, ServerQuery query) {
            if (down.contains(session.location())) {
                throw new UpstreamUnavailableException("compute", "compute service of " + session.location().cloud()
                        + "/" + session.location().region() + " unreachable", null, null);
            }
            return (session.location().equals(EAST) ? east : home).listServers(session, query);
        }
    }

    ServerAcrossLocationsApiTest() {
        routing.home = app.cloud;
        app.locations.add(EAST, new ComputeLimits(3, 0, 20, 0, 51200, 0));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private Server inEast(String name, String owner) {
        Server plain = TestData.server(name, new io.stackpilot.core.identity.ProjectRef(
                FakeLocations.providerProject(EAST), "east", TestData.DEFAULT_DOMAIN), ServerStatus.ACTIVE, T0);
        return east.putServer(new Server(plain.id(), plain.name(), plain.status(), plain.addresses(), plain.flavor(),
                plain.image(), plain.projectId(), plain.createdAt(), plain.preemptible(),
                owner == null ? Map.of() : Map.of(Ownership.OWNER_METADATA_KEY, owner), EAST));
    }

    private void atHome(String name, io.stackpilot.core.identity.ProjectRef project) {
        app.cloud.putServer(TestData.server(name, project, ServerStatus.ACTIVE, T0));
    }

    @Test
    void without_location_the_list_is_as_before() {
        atHome("home-1", TestData.DEMO);

        JsonNode body = TestServer.json(app.get("/api/v1/servers", app.token(TestData.demo())));

        assertThat(body.fieldNames()).toIterable().containsExactly("servers", "next_marker");
        assertThat(body.get("servers").get(0).has("cloud")).isFalse();
    }

    @Test
    void location_all_lists_the_callers_servers_of_every_location_with_cloud_and_region() {
        atHome("home-1", TestData.DEMO);
        atHome("alt-home", TestData.ALT_DEMO);
        inEast("east-mine", TestData.DEMO.id());
        inEast("east-alts", TestData.ALT_DEMO.id());
        inEast("east-unmarked", null);

        HttpResponse<String> response = app.get("/api/v1/servers?location=all", app.token(TestData.demo()));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TestServer.json(response);
        assertThat(body.fieldNames()).toIterable().containsExactly("servers", "unavailable", "next_markers");
        assertThat(body.get("servers")).extracting(s -> s.get("name").asText() + "@" + s.get("cloud").asText() + "/"
                + s.get("region").asText())
                .containsExactly("home-1@" + Location.DEFAULT.cloud() + "/" + Location.DEFAULT.region(),
                        "east-mine@lab-east/RegionOne");
        assertThat(body.get("unavailable")).isEmpty();
    }

    @Test
    void a_location_that_is_down_is_named_unavailable_and_the_others_still_answer() {
        atHome("home-1", TestData.DEMO);
        inEast("east-mine", TestData.DEMO.id());
        down.add(EAST);

        HttpResponse<String> response = app.get("/api/v1/servers?location=all", app.token(TestData.demo()));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TestServer.json(response);
        assertThat(body.get("servers")).extracting(s -> s.get("name").asText()).containsExactly("home-1");
        assertThat(body.get("unavailable")).singleElement().satisfies(unavailable -> {
            assertThat(unavailable.get("location").asText()).isEqualTo("lab-east/RegionOne");
            assertThat(unavailable.get("reason").asText()).contains("unreachable");
        });
    }

    @Test
    void one_named_location_lists_only_there_and_pages_with_its_own_marker() {
        atHome("home-1", TestData.DEMO);
        inEast("east-1", TestData.DEMO.id());
        inEast("east-2", TestData.DEMO.id());
        String demo = app.token(TestData.demo());

        JsonNode all = TestServer.json(app.get("/api/v1/servers?location=all&limit=1", demo));
        assertThat(all.get("servers")).hasSize(2);
        String marker = all.get("next_markers").get("lab-east/RegionOne").asText();

        JsonNode rest = TestServer.json(app.get("/api/v1/servers?location=lab-east/RegionOne&limit=1&marker="
                + marker, demo));
        assertThat(rest.get("servers")).extracting(s -> s.get("cloud").asText()).containsExactly("lab-east");
        assertThat(rest.get("servers").get(0).get("name").asText())
                .isNotEqualTo(all.get("servers").get(1).get("name").asText());
    }

    @Test
    void an_unknown_location_and_a_marker_with_all_are_400() {
        String demo = app.token(TestData.demo());

        JsonNode unknown = assertProblem(app.get("/api/v1/servers?location=lab-nowhere/RegionOne", demo), 400,
                "invalid-request");
        assertThat(unknown.get("errors").get(0).get("field").asText()).isEqualTo("location");
        JsonNode marker = assertProblem(app.get("/api/v1/servers?location=all&marker=abc", demo), 400,
                "invalid-request");
        assertThat(marker.get("errors").get(0).get("field").asText()).isEqualTo("marker");
        assertProblem(app.get("/api/v1/managed-servers?location=lab-nowhere/RegionOne", demo), 400,
                "invalid-request");
    }

    @Test
    void managed_servers_by_location_name_the_unavailable_locations() {
        down.add(EAST);
        app.locations.setDown(EAST, true);

        HttpResponse<String> response = app.get("/api/v1/managed-servers?location=all", app.token(TestData.demo()));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TestServer.json(response);
        assertThat(body.fieldNames()).toIterable().containsExactly("managed_servers", "unavailable", "next_marker");
        assertThat(body.get("unavailable")).extracting(u -> u.get("location").asText())
                .containsExactly("lab-east/RegionOne");
    }
}
