package io.stackpilot.core.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.UpstreamUnavailableException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.testing.FakeLocations;
import io.stackpilot.core.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServersAcrossLocationsTest {
    private static final Location EAST = new Location("east", "RegionOne");
    private static final Location WEST = new Location("west", "RegionOne");
    private static final Location NORTH = new Location("north", "RegionTwo");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final FakeLocations locations = FakeLocations.of(3, EAST, WEST, NORTH);
    private final Map<Location, List<Server>> servers = new ConcurrentHashMap<>();
    private final Set<Location> down = ConcurrentHashMap.newKeySet();
    private final Map<Location, CountDownLatch> hanging = new ConcurrentHashMap<>();
    private final List<ServerQuery> asked = new ArrayList<>();
    private final Session caller = TestData.session(TestData.demo());

    private final LocationServerSource source = (session, location, query) -> {
        synchronized (asked) {
            asked.add(query);
        }
        CountDownLatch release = hanging.get(location.location());
        if (release != null) {
            try {
                release.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (down.contains(location.location())) {
            throw new UpstreamUnavailableException("compute", "compute service of " + location.name()
                    + " unreachable", null, null);
        }
        List<Server> all = servers.getOrDefault(location.location(), List.of());
        if (query.marker() != null) {
            int after = all.stream().map(server -> server.id().value()).toList().indexOf(query.marker());
            all = all.subList(after + 1, all.size());
        }
        int limit = query.limit() == null ? all.size() : query.limit();
        return all.size() > limit ? new Page<>(all.subList(0, limit), all.get(limit - 1).id().value())
                : Page.last(all);
    };

    @AfterEach
    void release_hanging_locations() {
        hanging.values().forEach(CountDownLatch::countDown);
    }

    private ServersAcrossLocations lists(Duration answerWithin) {
        return new ServersAcrossLocations(new LocationFanOut(locations, answerWithin), source);
    }

    private void give(Location location, String... names) {
        List<Server> list = new ArrayList<>();
        for (String name : names) {
            Server plain = TestData.server(name, TestData.DEMO, ServerStatus.ACTIVE, T0);
            list.add(new Server(plain.id(), plain.name(), plain.status(), plain.addresses(), plain.flavor(),
                    plain.image(), plain.projectId(), plain.createdAt(), plain.preemptible(), plain.metadata(),
                    location));
        }
        servers.put(location, list);
    }

    private static ServerQuery limit(Integer limit, String marker) {
        return new ServerQuery(null, null, limit, marker, false, null);
    }

    @Test
    void lists_every_location_in_priority_order_with_each_server_in_its_location() {
        give(EAST, "e1", "e2");
        give(WEST, "w1");
        give(NORTH, "n1");

        AcrossLocations<Server> answer = lists(Duration.ofSeconds(5)).list(caller, "all", limit(100, null));

        assertThat(answer.items()).extracting(Server::name).containsExactly("e1", "e2", "w1", "n1");
        assertThat(answer.items()).extracting(Server::location).containsExactly(EAST, EAST, WEST, NORTH);
        assertThat(answer.unavailable()).isEmpty();
        assertThat(answer.nextMarkers()).isEmpty();
    }

    @Test
    void a_location_that_is_down_is_named_unavailable_and_the_others_answer() {
        give(EAST, "e1");
        give(NORTH, "n1");
        down.add(WEST);

        AcrossLocations<Server> answer = lists(Duration.ofSeconds(5)).list(caller, "all", limit(100, null));

        assertThat(answer.items()).extracting(Server::name).containsExactly("e1", "n1");
        assertThat(answer.unavailable()).singleElement().satisfies(unavailable -> {
            assertThat(unavailable.location()).isEqualTo("west/RegionOne");
            assertThat(unavailable.reason()).contains("unreachable");
        });
    }

    @Test
    void a_location_that_hangs_is_cut_at_the_one_deadline_and_does_not_hold_up_the_others() {
        give(EAST, "e1");
        give(WEST, "w1");
        hanging.put(EAST, new CountDownLatch(1));
        hanging.put(WEST, new CountDownLatch(1));

        long start = System.nanoTime();
        AcrossLocations<Server> answer = lists(Duration.ofMillis(300)).list(caller, "all", limit(100, null));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer.items()).isEmpty();
        assertThat(answer.unavailable()).extracting(UnavailableLocation::location)
                .containsExactly("east/RegionOne", "west/RegionOne");
        assertThat(answer.unavailable()).extracting(UnavailableLocation::reason)
                .containsOnly("no answer within 300 ms");
        // one deadline for all, not one per hanging location (generous bound for a loaded machine)
        assertThat(took).isLessThan(Duration.ofMillis(300 * 2 + 2_000));
    }

    @Test
    void one_named_location_is_asked_alone() {
        give(EAST, "e1");
        give(WEST, "w1");

        AcrossLocations<Server> answer = lists(Duration.ofSeconds(5)).list(caller, "west/RegionOne",
                limit(100, null));

        assertThat(answer.items()).extracting(Server::name).containsExactly("w1");
        assertThat(asked).hasSize(1);
    }

    @Test
    void the_limit_applies_per_location_and_a_longer_location_gives_its_own_next_marker() {
        give(EAST, "e1", "e2", "e3");
        give(WEST, "w1");

        AcrossLocations<Server> answer = lists(Duration.ofSeconds(5)).list(caller, "all", limit(2, null));

        assertThat(answer.items()).extracting(Server::name).containsExactly("e1", "e2", "w1");
        String marker = answer.items().get(1).id().value();
        assertThat(answer.nextMarkers()).containsExactly(Map.entry("east/RegionOne", marker));

        AcrossLocations<Server> rest = lists(Duration.ofSeconds(5)).list(caller, "east/RegionOne",
                limit(2, marker));
        assertThat(asked.getLast().marker()).isEqualTo(marker);
        assertThat(rest.items()).extracting(Server::name).containsExactly("e3");
        assertThat(rest.nextMarkers()).isEmpty();
    }

    @Test
    void an_unknown_location_is_invalid_and_nothing_is_asked() {
        assertThatThrownBy(() -> lists(Duration.ofSeconds(5)).list(caller, "east/RegionNine", limit(10, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid ->
                        assertThat(invalid.problems()).singleElement().satisfies(problem -> {
                            assertThat(problem.field()).isEqualTo("location");
                            assertThat(problem.message()).contains("east/RegionOne", "east/RegionNine");
                        }));
        assertThat(asked).isEmpty();
    }

    @Test
    void a_marker_with_all_locations_is_invalid() {
        assertThatThrownBy(() -> lists(Duration.ofSeconds(5)).list(caller, "all", limit(10, "some-id")))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid ->
                        assertThat(invalid.problems()).extracting(problem -> problem.field()).containsExactly("marker"));
        assertThat(asked).isEmpty();
    }

    @Test
    void a_bug_in_one_location_is_not_hidden_as_unavailable() {
        LocationServerSource broken = (session, location, query) -> {
            throw new IllegalStateException("bug");
        };
        ServersAcrossLocations lists = new ServersAcrossLocations(
                new LocationFanOut(locations, Duration.ofSeconds(5)), broken);

        assertThatThrownBy(() -> lists.list(caller, "all", limit(10, null))).hasMessage("bug");
    }

    @Test
    void identical_lists_in_flight_ask_each_location_once_and_no_other_scope_or_query_shares_them() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        LocationServerSource gated = (session, location, query) -> {
            calls.computeIfAbsent(session.token() + " " + query.limit(), key -> new AtomicInteger()).incrementAndGet();
            try {
                gate.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            // each answer names whose it is: a shared answer that crossed scopes would show it
            return Page.last(List.of(TestData.server(session.project().id() + "@" + location.name(),
                    session.project(), ServerStatus.ACTIVE, T0)));
        };
        InFlight<ServersAcrossLocations.Flight, Page<Server>> inFlight = new InFlight<>();
        ServersAcrossLocations lists = new ServersAcrossLocations(new LocationFanOut(locations,
                Duration.ofSeconds(60)), gated, inFlight);
        Session sameUserOtherToken = new Session("another-token-of-demo", caller.principal(), caller.location());
        Session otherProject = TestData.session(TestData.altDemo());

        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<AcrossLocations<Server>>> demo = new ArrayList<>();
            demo.add(clients.submit(() -> lists.list(caller, "all", limit(100, null))));
            waitUntil(() -> total(calls) == 3, "the first list asks the three locations");
            for (int i = 0; i < 4; i++) {
                demo.add(clients.submit(() -> lists.list(caller, "all", limit(100, null))));
            }
            waitUntil(() -> inFlight.sharing() == 4 * 3, "four identical lists wait for the first one's calls");
            Future<AcrossLocations<Server>> alt = clients.submit(() -> lists.list(otherProject, "all",
                    limit(100, null)));
            Future<AcrossLocations<Server>> otherToken = clients.submit(() -> lists.list(sameUserOtherToken, "all",
                    limit(100, null)));
            Future<AcrossLocations<Server>> otherQuery = clients.submit(() -> lists.list(caller, "all",
                    limit(5, null)));
            waitUntil(() -> total(calls) == 12, "another project, token and query each ask for themselves");
            assertThat(inFlight.sharing()).isEqualTo(12);

            gate.countDown();

            for (Future<AcrossLocations<Server>> list : demo) {
                assertThat(list.get(30, TimeUnit.SECONDS).items()).extracting(Server::name).containsExactly(
                        "demo-project-id@east/RegionOne", "demo-project-id@west/RegionOne",
                        "demo-project-id@north/RegionTwo");
            }
            assertThat(alt.get(30, TimeUnit.SECONDS).items()).extracting(Server::name)
                    .allMatch(name -> name.startsWith(TestData.ALT_DEMO.id() + "@")).hasSize(3);
            assertThat(otherToken.get(30, TimeUnit.SECONDS).items()).hasSize(3);
            assertThat(otherQuery.get(30, TimeUnit.SECONDS).items()).hasSize(3);
        }
        assertThat(calls).containsOnlyKeys("token-of-demo 100", "token-of-demo 5", "token-of-alt-demo 100",
                "another-token-of-demo 100");
        assertThat(calls.values()).as("each asked every location once").extracting(AtomicInteger::get)
                .containsOnly(3);
        assertThat(inFlight.sharing()).isZero();
    }

    @Test
    void an_answered_list_is_not_kept_the_next_one_asks_again_and_a_failure_is_not_kept_either() {
        give(EAST, "e1");
        ServersAcrossLocations lists = lists(Duration.ofSeconds(5));
        down.add(WEST);

        assertThat(lists.list(caller, "all", limit(100, null)).unavailable()).hasSize(1);
        down.clear();
        AcrossLocations<Server> again = lists.list(caller, "all", limit(100, null));

        assertThat(again.unavailable()).isEmpty();
        assertThat(again.items()).extracting(Server::name).containsExactly("e1");
        assertThat(asked).hasSize(6);
    }

    private static int total(Map<String, AtomicInteger> calls) {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Waits for what other threads do; fails (never passes) when it does not happen in time. */
    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("did not happen within 30 s: " + what);
            }
            Thread.sleep(5);
        }
    }
}
