package io.stackpilot.core.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerService;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.image.Image;
import io.stackpilot.core.image.ImageGateway;
import io.stackpilot.core.placement.PlacementStatus;
import io.stackpilot.core.placement.Tried;
import io.stackpilot.core.location.LocationService;
import io.stackpilot.core.location.Ownership;
import io.stackpilot.core.location.ProviderServers;
import io.stackpilot.core.operation.Backoff;
import io.stackpilot.core.reach.FloatingIpAssignment;
import io.stackpilot.core.testing.EngineHarness;
import io.stackpilot.core.testing.FakeLocations;
import io.stackpilot.core.testing.LocatedCompute;
import io.stackpilot.core.testing.TestData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Placement over provider locations on one fake cloud: fill-first, spread, spill, all full, room before eviction. */
class PlacementEngineTest {
    static final Location HOME = TestData.LOCATION;
    static final Location EAST = new Location("lab-east", "RegionOne");
    static final Location WEST = new Location("lab-west", "RegionOne");
    static final Location NORTH = new Location("lab-north", "RegionOne");
    static final String EAST_THEN_WEST = "{\"locations\":[\"lab-east/RegionOne\",\"lab-west/RegionOne\"]}";

    final EngineHarness lab = new EngineHarness();
    final LocatedCompute compute = new LocatedCompute(lab.cloud);
    final FakeLocations locations = FakeLocations.of(3, HOME, EAST, WEST, NORTH).backedBy(compute);
    final AtomicInteger evictingLaunches = new AtomicInteger();
    final EngineLauncher evicting = new EngineLauncher() {
        @Override
        public Server launch(Session session, BootRequest request) {
            evictingLaunches.incrementAndGet();
            // makes room as the preemption policy would: the owner's preemptible VM goes first
            lab.cloud.allServers().stream().filter(s -> s.projectId().equals(session.project().id()))
                    .filter(Server::preemptible).findFirst().ifPresent(victim -> compute.delete(session, victim.id()));
            return compute.boot(session, request);
        }

        @Override
        public Server relaunch(Session session, BootRequest request, Server failed) {
            return EngineLauncher.plain(compute).relaunch(session, request, failed);
        }
    };
    /** Each location's own images, when set; else the fake cloud's (one catalog for all). */
    final Map<Location, List<Image>> imagesIn = new ConcurrentHashMap<>();
    final ImageGateway images = session -> imagesIn.getOrDefault(session.location(), lab.cloud.listImages(session));
    final EngineLocations where = new EngineLocations(lab.sessions, locations,
            new LocationService(locations, lab.clock), HOME).resolvingIn(compute, images, lab.cloud);
    final ManagedServerService service = new ManagedServerService(lab.resources, lab.operations, compute, images,
            lab.cloud, locations, lab.clock);
    final Reconciler reconciler = new Reconciler(lab.resources, lab.operations, compute, lab.sessions,
            EngineHarness.settings("replica-a"), lab.clock, where);
    final OperationExecutor executor = new OperationExecutor(lab.resources, lab.operations, compute, evicting,
            lab.sessions, lab.audit::add, EngineHarness.settings("replica-a"),
            new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), 3, () -> 0.5), lab.clock,
            new FloatingIpAssignment(compute, lab.reach), where);

    PlacementEngineTest() {
        for (Location provider : List.of(EAST, WEST, NORTH)) {
            lab.cloud.setInstanceQuota(FakeLocations.providerProject(provider), 3);
        }
    }

    @Test
    void eight_servers_placed_anywhere_fill_three_locations_of_quota_three_as_3_3_2_with_the_spill_in_each_status() {
        for (int i = 1; i <= 8; i++) {
            service.apply(lab.demo, "web-" + i, request("{\"locations\":[\"lab-east/RegionOne\","
                    + "\"lab-west/RegionOne\",\"lab-north/RegionOne\"]}", false));
        }
        settle();

        assertThat(perLocation()).containsExactlyInAnyOrderEntriesOf(Map.of(EAST, 3L, WEST, 3L, NORTH, 2L));
        assertThat(lab.cloud.allServers()).allSatisfy(vm -> {
            assertThat(Ownership.ownedBy(vm, TestData.DEMO.id())).isTrue();
            assertThat(vm.projectId()).startsWith("provider-");
        });
        for (int i = 1; i <= 8; i++) {
            ManagedServer web = service.get(lab.demo, "web-" + i);
            assertThat(web.status().phase()).isEqualTo(Phase.READY);
            assertThat(web.status().location()).isIn(EAST, WEST, NORTH);
            assertThat(web.status().conditions()).anySatisfy(c -> {
                assertThat(c.type()).isEqualTo("Placed");
                assertThat(c.message()).startsWith("placed in " + name(web.status().location()));
            });
        }
        // a later server finds a full location by /limits (cached for 10 s: refreshed after it filled, or counting
        // the creates in flight there, see below); either is a spill with a reason.
        // Operations run side by side, so which two servers come last is not fixed: the ones in lab-north are.
        List<ManagedServer> spilledTwice = java.util.stream.IntStream.rangeClosed(1, 8)
                .mapToObj(i -> service.get(lab.demo, "web-" + i))
                .filter(web -> NORTH.equals(web.status().location())).toList();
        assertThat(spilledTwice).hasSize(2).allSatisfy(web -> {
            assertThat(condition(web, "Placed").message())
                    .contains("lab-east/RegionOne: no room by /limits")
                    .contains("lab-west/RegionOne: no room by /limits");
            assertThat(service.events(lab.demo, web.name(), 50)).extracting(ManagedServerEvent::reason)
                    .contains("Spilled");
        });

        List<Tried> tried = java.util.stream.IntStream.rangeClosed(1, 8)
                .mapToObj(i -> service.get(lab.demo, "web-" + i).status().placement())
                .flatMap(placement -> placement.tried().stream()).toList();
        // five servers passed lab-east and two of them lab-west too: each by the limits and the creates counted
        // against them, none by a create the cloud refused, and never a create counted twice ("4/3")
        assertThat(tried).hasSize(7).allSatisfy(one -> assertThat(one.reason())
                .startsWith("no room by /limits: instances 3/3").doesNotContain("Quota exceeded"));
    }

    @Test
    void when_every_location_is_full_the_server_fails_with_each_locations_reason_and_nothing_is_made() {
        for (int i = 1; i <= 9; i++) {
            service.apply(lab.demo, "web-" + i, request("{\"locations\":[\"lab-east/RegionOne\","
                    + "\"lab-west/RegionOne\",\"lab-north/RegionOne\"]}", false));
        }
        settle();
        service.apply(lab.demo, "web-10", request("{\"locations\":[\"lab-east/RegionOne\","
                + "\"lab-west/RegionOne\",\"lab-north/RegionOne\"]}", false));
        int before = lab.cloud.allServers().size();
        lab.nextInterval();
        settle();

        ManagedServer tenth = service.get(lab.demo, "web-10");
        assertThat(tenth.status().phase()).isEqualTo(Phase.FAILED);
        assertThat(condition(tenth, "Ready").message()).contains("no location of the placement has room")
                .contains("lab-east/RegionOne: no room by /limits: instances 3/3")
                .contains("lab-west/RegionOne").contains("lab-north/RegionOne");
        assertThat(lab.cloud.allServers()).hasSize(before);
        assertThat(tenth.status().serverId()).isNull();
    }

    @Test
    void spread_puts_each_server_in_the_emptiest_location() {
        // free instances: west 4, east 3 -> west; 3 and 3 -> east (listed first); 3 and 2 -> west
        lab.cloud.setInstanceQuota(FakeLocations.providerProject(WEST), 4);
        lab.clock.advance(Duration.ofSeconds(11));
        for (int i = 1; i <= 3; i++) {
            service.apply(lab.demo, "web-" + i, request("{\"locations\":[\"lab-east/RegionOne\","
                    + "\"lab-west/RegionOne\"],\"strategy\":\"spread\"}", false));
            step();
            lab.clock.advance(Duration.ofSeconds(11));
        }

        assertThat(service.get(lab.demo, "web-1").status().location()).as(service.events(lab.demo, "web-1", 50)
                .toString() + perLocation()).isEqualTo(WEST);
        assertThat(perLocation()).containsExactlyInAnyOrderEntriesOf(Map.of(WEST, 2L, EAST, 1L));
    }

    @Test
    void a_standard_server_takes_a_location_with_room_before_evicting_at_home_and_evicts_only_when_none_has_room() {
        lab.cloud.setInstanceQuota(TestData.DEMO.id(), 1);
        service.apply(lab.demo, "batch", new ApplyRequest("m1.tiny", "cirros-0.6-lab", List.of("private"), true,
                null, null, null, "{\"locations\":[\"default/RegionOne\"]}"));
        settle();
        assertThat(service.get(lab.demo, "batch").status().location()).as(service.events(lab.demo, "batch", 50)
                .toString()).isEqualTo(HOME);

        service.apply(lab.demo, "web", request("{\"locations\":[\"default/RegionOne\",\"lab-east/RegionOne\"]}",
                false));
        lab.clock.advance(Duration.ofSeconds(11));
        settle();
        assertThat(service.get(lab.demo, "web").status().location()).isEqualTo(EAST);
        assertThat(evictingLaunches).hasValue(0);

        lab.cloud.setInstanceQuota(FakeLocations.providerProject(EAST), 1);
        service.apply(lab.demo, "api", request("{\"locations\":[\"default/RegionOne\",\"lab-east/RegionOne\"]}",
                false));
        lab.clock.advance(Duration.ofSeconds(11));
        settle();
        ManagedServer api = service.get(lab.demo, "api");
        assertThat(api.status().location()).isEqualTo(HOME);
        assertThat(evictingLaunches).hasValue(1);
        assertThat(lab.cloud.allServers()).noneMatch(Server::preemptible);
    }

    @Test
    void two_projects_in_one_provider_location_never_see_or_delete_each_others_vms() {
        String east = "{\"locations\":[\"lab-east/RegionOne\"]}";
        service.apply(lab.demo, "web", request(east, false));
        service.apply(lab.altDemo, "web", request(east, false));
        settle();
        assertThat(lab.cloud.allServers()).hasSize(2)
                .allSatisfy(vm -> assertThat(vm.projectId()).isEqualTo(FakeLocations.providerProject(EAST)));
        Session provider = locations.serviceSession(EAST);
        List<Server> demos = OwnedServers.list(compute, provider, TestData.DEMO.id()).all();
        assertThat(demos).singleElement().satisfies(vm -> assertThat(vm.id().value())
                .isEqualTo(service.get(lab.demo, "web").status().serverId()));

        service.delete(lab.demo, "web");
        settle();

        assertThat(lab.cloud.allServers()).singleElement().satisfies(vm -> {
            assertThat(vm.id().value()).isEqualTo(service.get(lab.altDemo, "web").status().serverId());
            assertThat(Ownership.ownedBy(vm, TestData.ALT_DEMO.id())).isTrue();
        });
    }

    @Test
    void a_direct_get_or_delete_of_a_vm_in_a_provider_location_answers_only_its_owner() {
        service.apply(lab.demo, "web", request("{\"locations\":[\"lab-east/RegionOne\"]}", false));
        settle();
        ServerId vm = new ServerId(service.get(lab.demo, "web").status().serverId());
        ServerService servers = new ServerService(compute, lab.cloud, lab.cloud).withProviderLocations(
                new ProviderServers(compute, locations, HOME));

        assertThat(servers.get(lab.demo, vm).location()).isEqualTo(EAST);
        assertThatThrownBy(() -> servers.get(lab.altDemo, vm)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> servers.delete(lab.altDemo, vm)).isInstanceOf(NotFoundException.class);
        assertThat(lab.cloud.allServers()).hasSize(1);

        servers.delete(lab.demo, vm);
        assertThat(lab.cloud.allServers()).isEmpty();
    }

    @Test
    void a_vm_booted_in_a_provider_location_before_a_crash_is_adopted_there_not_booted_again() {
        service.apply(lab.demo, "web", request("{\"locations\":[\"lab-west/RegionOne\"]}", false));
        reconciler.reconcileDue();
        // the boot went through, the record did not: as if the replica died in between
        ManagedServer web = service.get(lab.demo, "web");
        compute.boot(locations.serviceSession(WEST), new BootRequest("web", web.spec().flavorId(),
                web.spec().imageId(), web.spec().networkIds(), false, null, null, Map.of(ManagedServer.MARKER_METADATA_KEY, web.marker(),
                SpecFingerprint.METADATA_KEY, SpecFingerprint.of(web.spec()), Ownership.OWNER_METADATA_KEY,
                TestData.DEMO.id())));
        settle();

        assertThat(lab.cloud.allServers()).hasSize(1);
        assertThat(service.get(lab.demo, "web").status().location()).isEqualTo(WEST);
        assertThat(service.events(lab.demo, "web", 50)).extracting(ManagedServerEvent::reason).contains("Adopted");
    }

    @Test
    void an_unknown_location_is_a_400_naming_it_and_nothing_is_stored() {
        assertThatThrownBy(() -> service.apply(lab.demo, "web", request("{\"locations\":[\"lab-south/RegionOne\","
                + "\"lab-east/RegionOne\"],\"strategy\":\"random\"}", false)))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> assertThat(invalid.problems())
                        .extracting(p -> p.field() + ": " + p.message())
                        .anySatisfy(p -> assertThat(p).contains("unknown location \"lab-south/RegionOne\"")
                                .contains("lab-north/RegionOne"))
                        .anySatisfy(p -> assertThat(p).startsWith("placement.strategy")));
        assertThat(lab.resources.find(TestData.DEMO.id(), "web")).isEmpty();
    }

    @Test
    void a_vm_that_finds_no_host_in_one_location_is_deleted_and_the_next_location_is_tried() {
        compute.noHostIn(EAST);
        service.apply(lab.demo, "web", request(EAST_THEN_WEST, false));
        settle();

        ManagedServer web = service.get(lab.demo, "web");
        assertThat(web.status().phase()).as(service.events(lab.demo, "web", 50).toString()).isEqualTo(Phase.READY);
        assertThat(web.status().location()).isEqualTo(WEST);
        assertThat(lab.cloud.allServers()).singleElement().satisfies(vm -> assertThat(compute.locationOf(vm))
                .isEqualTo(WEST));
        PlacementStatus placement = web.status().placement();
        assertThat(placement.location()).isEqualTo("lab-west/RegionOne");
        assertThat(placement.strategy().wireName()).isEqualTo("fill-first");
        assertThat(placement.tried()).singleElement().satisfies(tried -> {
            assertThat(tried.location()).isEqualTo("lab-east/RegionOne");
            assertThat(tried.reason()).startsWith("the VM found no host").contains("No valid host was found");
            assertThat(tried.at()).isNotNull();
        });
        assertThat(condition(web, "Placed").message()).startsWith("placed in lab-west/RegionOne; tried "
                + "lab-east/RegionOne: the VM found no host");
        assertThat(service.events(lab.demo, "web", 50)).extracting(ManagedServerEvent::reason)
                .contains("Spilled", "Deleted");
    }

    @Test
    void a_single_location_placement_boots_again_in_place_when_its_vm_finds_no_host() {
        compute.noHostIn(EAST);
        service.apply(lab.demo, "web", request("{\"locations\":[\"lab-east/RegionOne\"]}", false));
        step();
        step();

        assertThat(service.events(lab.demo, "web", 50)).extracting(ManagedServerEvent::message)
                .anySatisfy(message -> assertThat(message).contains("which found no host"));
        assertThat(service.events(lab.demo, "web", 50)).extracting(ManagedServerEvent::reason)
                .doesNotContain("Spilled");
        assertThat(lab.cloud.allServers()).singleElement().satisfies(vm -> assertThat(compute.locationOf(vm))
                .isEqualTo(EAST));
    }

    @Test
    void when_the_vm_finds_no_host_in_every_location_the_server_fails_naming_each_and_no_vm_is_left() {
        compute.noHostIn(EAST);
        compute.noHostIn(WEST);
        service.apply(lab.demo, "web", request(EAST_THEN_WEST, false));
        settle();

        ManagedServer web = service.get(lab.demo, "web");
        assertThat(web.status().phase()).as(service.events(lab.demo, "web", 50).toString()).isEqualTo(Phase.FAILED);
        assertThat(condition(web, "Ready").message()).contains("no location of the placement has room")
                .contains("lab-east/RegionOne: the VM found no host")
                .contains("lab-west/RegionOne: the VM found no host");
        assertThat(web.status().placement().location()).isNull();
        assertThat(web.status().placement().tried()).extracting(Tried::location)
                .containsExactlyInAnyOrder("lab-east/RegionOne", "lab-west/RegionOne");
        assertThat(lab.cloud.allServers()).isEmpty();
    }

    @Test
    void a_location_without_the_image_is_tried_with_the_reason_and_another_boots_with_its_own_image_id() {
        Image westCirros = new Image("west-cirros", "cirros-0.6-lab", "active", "public", "raw", 0, 0, 65536L, WEST);
        Image homeCirros = lab.cloud.listImages(lab.demo).stream().filter(i -> i.name().equals("cirros-0.6-lab"))
                .findFirst().orElseThrow();
        lab.cloud.addImage(westCirros);
        imagesIn.put(HOME, List.of(homeCirros));
        imagesIn.put(EAST, List.of());
        imagesIn.put(WEST, List.of(westCirros));
        service.apply(lab.demo, "web", request(EAST_THEN_WEST, false));
        settle();

        ManagedServer web = service.get(lab.demo, "web");
        assertThat(web.spec().imageId()).isEqualTo(homeCirros.id());
        assertThat(web.status().phase()).as(service.events(lab.demo, "web", 50).toString()).isEqualTo(Phase.READY);
        assertThat(web.status().location()).isEqualTo(WEST);
        assertThat(lab.cloud.allServers()).singleElement().satisfies(vm -> assertThat(vm.image().id())
                .isEqualTo("west-cirros"));
        assertThat(web.status().placement().tried()).singleElement().satisfies(tried -> {
            assertThat(tried.location()).isEqualTo("lab-east/RegionOne");
            assertThat(tried.reason()).isEqualTo("lacks the image \"cirros-0.6-lab\" (no image with that id or name)");
        });
    }

    @Test
    void a_location_that_is_down_holds_up_only_its_own_resources_which_say_so() {
        service.apply(lab.demo, "in-east", request("{\"locations\":[\"lab-east/RegionOne\"]}", false));
        service.apply(lab.demo, "in-west", request("{\"locations\":[\"lab-west/RegionOne\"]}", false));
        service.apply(lab.demo, "at-home", EngineHarness.request("m1.tiny"));
        settle();
        compute.setDown(EAST, true);
        locations.setDown(EAST, true);
        lab.cloud.removeServer(new ServerId(service.get(lab.demo, "in-west").status().serverId()));
        lab.cloud.removeServer(new ServerId(service.get(lab.demo, "at-home").status().serverId()));
        lab.nextInterval();
        settle();

        assertThat(service.get(lab.demo, "in-west").status().phase()).isEqualTo(Phase.READY);
        assertThat(service.get(lab.demo, "at-home").status().phase()).isEqualTo(Phase.READY);
        assertThat(perLocation()).containsExactlyInAnyOrderEntriesOf(Map.of(EAST, 1L, WEST, 1L, HOME, 1L));
        ManagedServer inEast = service.get(lab.demo, "in-east");
        assertThat(inEast.status().phase()).isEqualTo(Phase.READY);
        assertThat(condition(inEast, "Observed")).satisfies(c -> {
            assertThat(c.status()).isFalse();
            assertThat(c.reason()).isEqualTo("LocationUnavailable");
            assertThat(c.message()).startsWith("location lab-east/RegionOne is unavailable: ");
        });

        compute.setDown(EAST, false);
        locations.setDown(EAST, false);
        lab.nextInterval();
        settle();
        assertThat(service.get(lab.demo, "in-east").status().conditions()).extracting(Condition::type)
                .doesNotContain("Observed");
        assertThat(lab.cloud.allServers()).hasSize(3);
    }

    @Test
    void a_placement_stored_before_locations_existed_still_means_the_owners_own_cloud_with_no_placement_status() {
        ManagedServerSpec spec = service.apply(lab.demo, "probe", EngineHarness.request("m1.tiny")).server().spec();
        service.delete(lab.demo, "probe");
        settle();
        ManagedServerSpec legacy = new ManagedServerSpec(spec.flavorId(), spec.imageId(), spec.networkIds(),
                spec.flavor(), spec.image(), spec.networks(), false, UpdatePolicy.MANUAL,
                "{\"region\":\"RegionOne\"}");
        lab.resources.insert(new ManagedServer(java.util.UUID.randomUUID(), TestData.DEMO.id(), "old", true, true,
                legacy, 1, ManagedServerStatus.pending(), lab.clock.instant(), lab.clock.instant(), null, null));
        settle();

        ManagedServer old = service.get(lab.demo, "old");
        assertThat(old.status().phase()).as(service.events(lab.demo, "old", 50).toString()).isEqualTo(Phase.READY);
        assertThat(old.status().placement()).isNull();
        assertThat(lab.cloud.allServers()).singleElement().satisfies(vm -> assertThat(compute.locationOf(vm))
                .isEqualTo(HOME));
    }

    private static ApplyRequest request(String placement, boolean preemptible) {
        return new ApplyRequest("m1.tiny", "cirros-0.6-lab", List.of("private"), preemptible, null, null, null,
                placement);
    }

    private void step() {
        reconciler.reconcileDue();
        executor.runDue(100);
        reconciler.reconcileDue();
    }

    private void settle() {
        for (int i = 0; i < 10; i++) {
            int enqueued = reconciler.reconcileDue().enqueued();
            int ran = executor.runDue(100);
            reconciler.reconcileDue();
            if (enqueued == 0 && ran == 0) {
                return;
            }
            lab.clock.advance(EngineHarness.INTERVAL);
        }
    }

    private Map<Location, Long> perLocation() {
        return lab.cloud.allServers().stream().collect(Collectors.groupingBy(compute::locationOf,
                Collectors.counting()));
    }

    private static Condition condition(ManagedServer resource, String type) {
        return resource.status().conditions().stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
    }

    private static String name(Location location) {
        return location.cloud() + "/" + location.region();
    }
}
