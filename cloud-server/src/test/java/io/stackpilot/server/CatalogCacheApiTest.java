package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.compute.ResourceRef;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.ForwardingCompute;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The catalog cache seen through HTTP: per-project (and per-role) answers, no-cache, ETag, TTL 0, server names. */
class CatalogCacheApiTest {
    private final ProjectFlavors compute = new ProjectFlavors();
    private final TestServer app = TestServer.withCompute(compute);

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void a_private_flavor_of_one_project_never_shows_in_another_project_s_answer_also_when_cached() {
        String demo = app.token(TestData.demo());
        String altDemo = app.token(TestData.altDemo());
        for (int round = 0; round < 3; round++) {
            assertThat(flavorNames(demo)).contains("demo-private");
            assertThat(flavorNames(altDemo)).doesNotContain("demo-private").contains("m1.tiny");
        }
        assertThat(compute.flavorLists).as("one list per project, then cached answers").hasValue(2);
    }

    @Test
    void a_member_never_gets_the_answer_cached_for_an_admin_of_the_same_project() {
        String adminInAltDemo = app.token(TestData.adminIn(TestData.ALT_DEMO));
        String altDemo = app.token(TestData.altDemo());
        assertThat(flavorNames(adminInAltDemo)).contains("demo-private");
        assertThat(flavorNames(altDemo)).doesNotContain("demo-private");
        assertThat(flavorNames(adminInAltDemo)).contains("demo-private");
        assertThat(compute.flavorLists).hasValue(2);
    }

    @Test
    void no_cache_asks_the_cloud_and_the_fresh_answer_is_cached() {
        String demo = app.token(TestData.demo());
        assertThat(flavorNames(demo)).doesNotContain("m9.new");
        compute.extra.add(TestData.flavor("99", "m9.new", 9, 9_000, 90));
        assertThat(flavorNames(demo)).as("cached").doesNotContain("m9.new");
        HttpResponse<String> fresh = app.send("GET", "/api/v1/flavors", demo, null,
                Map.of("Cache-Control", "no-cache"));
        assertThat(names(fresh)).contains("m9.new");
        assertThat(flavorNames(demo)).contains("m9.new");
        assertThat(compute.flavorLists).hasValue(2);
    }

    @Test
    void answers_carry_an_etag_and_if_none_match_with_it_gets_304_without_a_body() {
        String demo = app.token(TestData.demo());
        HttpResponse<String> first = app.get("/api/v1/flavors", demo);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("private, no-cache");

        HttpResponse<String> same = app.send("GET", "/api/v1/flavors", demo, null, Map.of("If-None-Match", etag));
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(same.headers().firstValue("ETag")).hasValue(etag);
        assertThat(app.send("GET", "/api/v1/flavors", demo, null, Map.of("If-None-Match", "\"other\", W/" + etag))
                .statusCode()).isEqualTo(304);

        compute.extra.add(TestData.flavor("99", "m9.new", 9, 9_000, 90));
        HttpResponse<String> changed = app.send("GET", "/api/v1/flavors", demo, null,
                Map.of("If-None-Match", etag, "Cache-Control", "no-cache"));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(app.get("/api/v1/images", demo).headers().firstValue("ETag")).isPresent();
        assertThat(app.get("/api/v1/networks", demo).headers().firstValue("ETag")).isPresent();
    }

    @Test
    void a_time_to_live_of_zero_asks_the_cloud_every_time() {
        try (TestServer uncached = TestServer.start(Map.of("STACKPILOT_CATALOG_TTL", "0"))) {
            String demo = uncached.token(TestData.demo());
            int before = uncached.cloud.calls("listFlavors");
            for (int i = 0; i < 3; i++) {
                assertThat(uncached.get("/api/v1/flavors", demo).statusCode()).isEqualTo(200);
            }
            assertThat(uncached.cloud.calls("listFlavors") - before).isEqualTo(3);
        }
    }

    @Test
    void a_server_list_names_flavors_from_the_cache_and_looks_up_only_an_id_the_cached_list_lacks() {
        String demo = app.token(TestData.demo());
        compute.cloud.putServer(TestData.server("cached-names", TestData.DEMO, ServerStatus.ACTIVE,
                Instant.parse("2026-11-22T05:00:00Z")));
        assertThat(app.get("/api/v1/servers", demo).statusCode()).isEqualTo(200);
        assertThat(app.get("/api/v1/servers", demo).statusCode()).isEqualTo(200);
        assertThat(compute.flavorLists).as("the second list named from the cache").hasValue(1);

        compute.extra.add(TestData.flavor("77", "m7.made-after", 7, 7_000, 70));
        Server unnamed = TestData.server("new-flavor", TestData.DEMO, ServerStatus.ACTIVE,
                Instant.parse("2026-11-22T05:30:00Z"));
        compute.cloud.putServer(new Server(unnamed.id(), unnamed.name(), unnamed.status(), unnamed.addresses(),
                new ResourceRef("77", null), unnamed.image(), unnamed.projectId(), unnamed.createdAt(),
                unnamed.preemptible(), unnamed.metadata(), unnamed.location()));
        JsonNode servers = TestServer.json(app.get("/api/v1/servers", demo)).get("servers");
        assertThat(StreamSupport.stream(servers.spliterator(), false)
                .filter(server -> server.get("name").asText().equals("new-flavor"))
                .map(server -> server.get("flavor").get("name").asText())).containsExactly("m7.made-after");
        assertThat(compute.flavorLookups).as("one lookup of the missing id").hasValue(1);
        assertThat(compute.flavorLists).hasValue(1);
    }

    private List<String> flavorNames(String token) {
        return names(app.get("/api/v1/flavors", token));
    }

    private static List<String> names(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return StreamSupport.stream(TestServer.json(response).get("flavors").spliterator(), false)
                .map(flavor -> flavor.get("name").asText()).toList();
    }

    /** Flavors as Nova shows them: demo's private flavor to demo and to admins only; counts lists and lookups. */
    private static final class ProjectFlavors extends ForwardingCompute {
        final FakeCloud cloud;
        final List<Flavor> extra = new java.util.concurrent.CopyOnWriteArrayList<>();
        final AtomicInteger flavorLists = new AtomicInteger();
        final AtomicInteger flavorLookups = new AtomicInteger();

        ProjectFlavors() {
            this(FakeCloud.withLabContent(MutableClock.at("2026-11-22T06:00:00Z")));
        }

        private ProjectFlavors(FakeCloud cloud) {
            super(cloud);
            this.cloud = cloud;
        }

        @Override
        public List<Flavor> listFlavors(Session session) {
            flavorLists.incrementAndGet();
            List<Flavor> flavors = new ArrayList<>(cloud.listFlavors(session));
            flavors.addAll(extra);
            if (session.project().id().equals(TestData.DEMO.id()) || session.principal().hasRole("admin")) {
                flavors.add(new Flavor("demo-private-id", "demo-private", 1, 256, 1, 0, false,
                        session.location()));
            }
            return flavors;
        }

        @Override
        public java.util.Optional<Flavor> findFlavor(Session session, String id) {
            flavorLookups.incrementAndGet();
            return extra.stream().filter(flavor -> flavor.id().equals(id)).findFirst();
        }
    }
}
