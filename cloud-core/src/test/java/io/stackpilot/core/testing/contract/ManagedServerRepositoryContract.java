package io.stackpilot.core.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.Address;
import io.stackpilot.core.compute.AddressType;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.managed.Condition;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.ManagedServerEvent;
import io.stackpilot.core.managed.ManagedServerRepository;
import io.stackpilot.core.managed.ManagedServerSpec;
import io.stackpilot.core.managed.ManagedServerStatus;
import io.stackpilot.core.managed.Phase;
import io.stackpilot.core.managed.UpdatePolicy;
import io.stackpilot.core.placement.Placement;
import io.stackpilot.core.placement.PlacementStatus;
import io.stackpilot.core.placement.Tried;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link ManagedServerRepository} keeps; extend it with a factory for an empty repository. */
public abstract class ManagedServerRepositoryContract {
    protected static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    protected static final Duration LEASE = Duration.ofSeconds(60);
    protected static final String DEMO = "demo-project-id";

    private ManagedServerRepository repository;

    protected abstract ManagedServerRepository newRepository();

    @BeforeEach
    void create_an_empty_repository() {
        repository = newRepository();
    }

    public static ManagedServer declared(String projectId, String name, Instant at) {
        ManagedServerSpec spec = new ManagedServerSpec("1", "cirros-image-id", List.of("private-net-id"), "m1.tiny",
                "cirros", List.of("private"), false, UpdatePolicy.REPLACE, "{\"region\":\"RegionOne\"}");
        return new ManagedServer(UUID.randomUUID(), projectId, name, true, true, spec, 1,
                ManagedServerStatus.pending(), at, at, null, null);
    }

    static ManagedServerStatus ready(Instant at) {
        return new ManagedServerStatus(Phase.READY, 1, "vm-1", ServerStatus.ACTIVE,
                List.of(new Address("private", "10.0.0.5", 4, AddressType.FIXED, "fa:16:3e:00:00:01"),
                        new Address("private", "fd00::5", 6, AddressType.FIXED, null)),
                new Location("lab", "RegionOne"),
                List.of(new Condition("Ready", true, "ServerACTIVE", "VM vm-1 is ACTIVE", at)), at);
    }

    @Test
    void a_stored_resource_reads_back_equal_by_name_and_by_id_with_its_status() {
        ManagedServer web = repository.insert(declared(DEMO, "web", NOW));
        repository.saveStatus(web.id(), ready(NOW));

        ManagedServer expected = web.withStatus(ready(NOW));
        assertThat(repository.find(DEMO, "web")).contains(expected);
        assertThat(repository.findById(web.id())).contains(expected);
        assertThat(repository.findByServerId(DEMO, "vm-1")).contains(expected);
        assertThat(repository.findByServerId("alt-demo-project-id", "vm-1")).isEmpty();
        assertThat(repository.find("alt-demo-project-id", "web")).isEmpty();
    }

    @Test
    void the_placement_status_reads_back_with_every_location_tried_and_a_status_without_one_stays_without() {
        ManagedServer web = repository.insert(declared(DEMO, "web", NOW));
        ManagedServerStatus placed = ready(NOW).withPlacement(new PlacementStatus("lab-west/RegionOne",
                Placement.Strategy.SPREAD, List.of(new Tried("lab-east/RegionOne", "the VM found no host (No valid "
                        + "host was found)", NOW.minusSeconds(40)), new Tried("default/RegionOne",
                        "no room by /limits: instances 3/3", NOW.minusSeconds(30)))));
        repository.saveStatus(web.id(), placed);
        assertThat(repository.findById(web.id())).map(ManagedServer::status).contains(placed);

        repository.saveStatus(web.id(), ready(NOW));
        assertThat(repository.findById(web.id())).map(ManagedServer::status).contains(ready(NOW));
    }

    @Test
    void a_name_is_unique_per_project_only() {
        repository.insert(declared(DEMO, "web", NOW));

        assertThatThrownBy(() -> repository.insert(declared(DEMO, "web", NOW))).isInstanceOf(ConflictException.class);
        assertThat(repository.insert(declared("alt-demo-project-id", "web", NOW))).isNotNull();
    }

    @Test
    void save_intent_keeps_the_status_and_save_status_keeps_the_intent() {
        ManagedServer web = repository.insert(declared(DEMO, "web", NOW));
        repository.saveStatus(web.id(), ready(NOW));
        ManagedServer changed = new ManagedServer(web.id(), DEMO, "web", false, false, web.spec(), 2,
                ManagedServerStatus.pending(), web.createdAt(), NOW.plusSeconds(5), NOW.plusSeconds(5), null);

        ManagedServer saved = repository.saveIntent(changed).orElseThrow();

        assertThat(saved).isEqualTo(changed.withStatus(ready(NOW)));
        assertThat(repository.findById(web.id())).contains(saved);
        assertThat(repository.saveIntent(declared(DEMO, "gone", NOW))).isEmpty();
        assertThat(repository.saveStatus(UUID.randomUUID(), ready(NOW))).isFalse();
    }

    @Test
    void the_schedule_that_declared_a_resource_is_stored_and_never_changed_by_save_intent() {
        UUID schedule = UUID.randomUUID();
        ManagedServer declared = declared(DEMO, "peak-1", NOW);
        ManagedServer peak = repository.insert(new ManagedServer(declared.id(), DEMO, "peak-1", true, true,
                declared.spec(), 1, declared.status(), NOW, NOW, null, schedule));

        ManagedServer deleting = repository.saveIntent(new ManagedServer(peak.id(), DEMO, "peak-1", true, true,
                peak.spec(), 1, peak.status(), NOW, NOW.plusSeconds(5), NOW.plusSeconds(5), null)).orElseThrow();

        assertThat(repository.findById(peak.id()).orElseThrow().scheduleId()).isEqualTo(schedule);
        assertThat(deleting.scheduleId()).isEqualTo(schedule);
        assertThat(repository.find(DEMO, "peak-1").orElseThrow().scheduleId()).isEqualTo(schedule);
        assertThat(repository.insert(declared(DEMO, "web", NOW)).scheduleId()).isNull();
        assertThat(repository.find(DEMO, "web").orElseThrow().scheduleId()).isNull();
    }

    @Test
    void the_list_pages_by_name_within_the_project() {
        for (String name : List.of("c", "a", "b")) {
            repository.insert(declared(DEMO, name, NOW));
        }
        repository.insert(declared("alt-demo-project-id", "a0", NOW));

        var first = repository.list(DEMO, 2, null);

        assertThat(first.items()).extracting(ManagedServer::name).containsExactly("a", "b");
        assertThat(repository.list(DEMO, 2, first.nextMarker()).items()).extracting(ManagedServer::name)
                .containsExactly("c");
        assertThat(repository.list(DEMO, 2, first.nextMarker()).next()).isEmpty();
    }

    @Test
    void a_due_resource_is_claimed_by_one_holder_until_its_lease_ends_or_it_is_released() {
        ManagedServer web = repository.insert(declared(DEMO, "web", NOW));

        assertThat(repository.claimDue("replica-a", NOW, LEASE, 10)).extracting(ManagedServer::id)
                .containsExactly(web.id());
        assertThat(repository.claimDue("replica-b", NOW.plusSeconds(59), LEASE, 10)).isEmpty();
        assertThat(repository.claimDue("replica-b", NOW.plus(LEASE), LEASE, 10)).as("taken over")
                .extracting(ManagedServer::id).containsExactly(web.id());

        repository.release(web.id(), "replica-a", NOW.plusSeconds(61));
        assertThat(repository.claimDue("replica-c", NOW.plusSeconds(61), LEASE, 10)).as("not the holder's to release")
                .isEmpty();
        repository.release(web.id(), "replica-b", NOW.plusSeconds(90));
        assertThat(repository.claimDue("replica-c", NOW.plusSeconds(89), LEASE, 10)).isEmpty();
        assertThat(repository.claimDue("replica-c", NOW.plusSeconds(90), LEASE, 10)).hasSize(1);
    }

    @Test
    void a_change_while_a_resource_is_claimed_makes_it_due_again_at_release() {
        ManagedServer web = repository.insert(declared(DEMO, "web", NOW));
        repository.claimDue("replica-a", NOW, LEASE, 10);

        repository.dueBy(web.id(), NOW.plusSeconds(1));
        repository.release(web.id(), "replica-a", NOW.plusSeconds(30));

        assertThat(repository.claimDue("replica-a", NOW.plusSeconds(1), LEASE, 10)).hasSize(1);
    }

    @Test
    void a_pass_writes_the_statuses_and_releases_only_what_its_holder_still_has_claimed() {
        ManagedServer kept = repository.insert(declared(DEMO, "kept", NOW));
        ManagedServer lost = repository.insert(declared(DEMO, "lost", NOW.plusSeconds(1)));
        repository.claimDue("replica-a", NOW.plusSeconds(1), LEASE, 10);
        repository.release(lost.id(), "replica-a", NOW.plusSeconds(2));
        repository.claimDue("replica-b", NOW.plusSeconds(2), LEASE, 10);

        int written = repository.saveStatusesAndRelease("replica-a", java.util.Map.of(kept.id(), ready(NOW),
                lost.id(), ready(NOW), UUID.randomUUID(), ready(NOW)), NOW.plusSeconds(30));

        assertThat(written).isEqualTo(1);
        assertThat(repository.findById(kept.id())).map(ManagedServer::status).contains(ready(NOW));
        assertThat(repository.findById(lost.id())).map(ManagedServer::status)
                .contains(ManagedServerStatus.pending());
        assertThat(repository.claimDue("replica-c", NOW.plusSeconds(29), LEASE, 10)).isEmpty();
        assertThat(repository.claimDue("replica-c", NOW.plusSeconds(30), LEASE, 10)).extracting(ManagedServer::id)
                .containsExactly(kept.id());
    }

    @Test
    void the_earliest_due_are_claimed_first_up_to_the_limit() {
        ManagedServer late = repository.insert(declared(DEMO, "late", NOW.plusSeconds(2)));
        ManagedServer early = repository.insert(declared(DEMO, "early", NOW));
        repository.insert(declared(DEMO, "future", NOW.plusSeconds(60)));

        assertThat(repository.claimDue("replica-a", NOW.plusSeconds(5), LEASE, 1)).extracting(ManagedServer::id)
                .containsExactly(early.id());
        assertThat(repository.claimDue("replica-a", NOW.plusSeconds(5), LEASE, 10)).extracting(ManagedServer::id)
                .containsExactly(late.id());
    }

    @Test
    void events_come_newest_first_and_go_with_the_resource() {
        ManagedServer web = repository.insert(declared(DEMO, "web", NOW));
        UUID operation = UUID.randomUUID();
        ManagedServerEvent declaredEvent = new ManagedServerEvent(web.id(), NOW, "Declared", "generation 1",
                "user:demo", null);
        ManagedServerEvent created = new ManagedServerEvent(web.id(), NOW.plusSeconds(1), "Created", "booted vm-1",
                "replica:a operation:" + operation, operation);
        repository.appendEvent(declaredEvent);
        repository.appendEvent(created);

        assertThat(repository.events(web.id(), 10)).containsExactly(created, declaredEvent);
        assertThat(repository.events(web.id(), 1)).containsExactly(created);
        assertThat(repository.delete(web.id())).isTrue();
        assertThat(repository.delete(web.id())).isFalse();
        assertThat(repository.events(web.id(), 10)).isEmpty();
        assertThat(repository.findById(web.id())).isEmpty();
    }

    @Test
    void resources_are_found_by_a_set_of_ids_and_unknown_ids_are_skipped() {
        ManagedServer web = repository.insert(declared(DEMO, "web", NOW));
        ManagedServer db = repository.insert(declared(DEMO, "db", NOW));
        repository.insert(declared(DEMO, "other", NOW));

        assertThat(repository.findByIds(List.of(web.id(), UUID.randomUUID(), db.id())))
                .containsExactlyInAnyOrder(web, db);
        assertThat(repository.findByIds(List.of())).isEmpty();
    }
}
