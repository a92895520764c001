package io.stackpilot.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.compute.Server;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.Phase;
import io.stackpilot.core.testing.EngineHarness;
import io.stackpilot.core.testing.InMemoryScheduleRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleDriverTest {
    private final EngineHarness engine = new EngineHarness();
    private final InMemoryScheduleRepository schedules = new InMemoryScheduleRepository();
    private final ScheduleService service = new ScheduleService(schedules, engine.resources, engine.cloud,
            engine.cloud, engine.cloud, engine.clock);
    private final ScheduleDriver replicaA = driver("replica-a");
    private final ScheduleDriver replicaB = driver("replica-b");
    private final Instant from = engine.clock.instant().plus(Duration.ofMinutes(1));
    private final Instant until = from.plus(Duration.ofMinutes(10));

    private ScheduleDriver driver(String replica) {
        return new ScheduleDriver(schedules, engine.resources, engine.operations, EngineHarness.settings(replica),
                engine.clock);
    }

    private ScheduleView peak(int count) {
        return service.create(engine.demo, new ScheduleRequest("peak", "m1.tiny", "cirros-0.6-lab",
                List.of("private"), count, null, null, new WindowRequest(null, null, null, null, from.toString(),
                        until.toString())));
    }

    /** Both replicas' schedule passes, then the engine until it settles, then the passes again (runs counted). */
    private void passes() {
        replicaA.runDue(100);
        replicaB.runDue(100);
        engine.settle();
        replicaB.runDue(100);
        replicaA.runDue(100);
    }

    private List<Server> vms() {
        return engine.cloud.allServers().stream().filter(vm -> vm.name().startsWith("peak-")).toList();
    }

    @Test
    void nothing_is_made_before_the_window_opens() {
        ScheduleView created = peak(3);
        passes();
        assertThat(vms()).isEmpty();
        assertThat(created.active()).isFalse();
        assertThat(created.nextStart()).isEqualTo(from);
        assertThat(created.nextEnd()).isEqualTo(until);
        assertThat(service.runs(engine.demo, "peak", 10)).isEmpty();
    }

    @Test
    void an_open_window_makes_count_servers_and_a_closed_one_removes_them_with_one_run_for_two_replicas() {
        peak(3);
        engine.clock.set(from);
        passes();
        passes();

        assertThat(vms()).extracting(Server::name).containsExactlyInAnyOrder("peak-1", "peak-2", "peak-3");
        ScheduleView open = service.get(engine.demo, "peak");
        assertThat(open.active()).isTrue();
        assertThat(open.nextEnd()).isEqualTo(until);
        assertThat(open.servers()).extracting(server -> server.status().phase()).containsOnly(Phase.READY);
        assertThat(service.runs(engine.demo, "peak", 10)).singleElement().satisfies(run -> {
            assertThat(run.windowStart()).isEqualTo(from);
            assertThat(run.startedAt()).isEqualTo(from);
            assertThat(run.serversWanted()).isEqualTo(3);
            assertThat(run.serversMade()).isEqualTo(3);
            assertThat(run.endedAt()).isNull();
        });

        engine.clock.set(until);
        passes();
        passes();

        assertThat(vms()).isEmpty();
        assertThat(service.get(engine.demo, "peak").servers()).isEmpty();
        assertThat(service.runs(engine.demo, "peak", 10)).singleElement().satisfies(run -> {
            assertThat(run.endedAt()).isAfterOrEqualTo(until);
            assertThat(run.serversRemoved()).isEqualTo(3);
            assertThat(run.problems()).isEmpty();
        });
    }

    @Test
    void its_servers_know_the_schedule_and_their_vms_carry_its_marker_which_the_owner_cannot_overwrite() {
        ScheduleView created = peak(2);
        engine.clock.set(from);
        passes();

        String scheduleId = created.schedule().id().toString();
        assertThat(vms()).hasSize(2).allSatisfy(vm -> assertThat(vm.metadata())
                .containsEntry(ManagedServer.SCHEDULE_METADATA_KEY, scheduleId)
                .containsKey(ManagedServer.MARKER_METADATA_KEY));
        assertThat(service.get(engine.demo, "peak").servers()).extracting(ManagedServer::scheduleId)
                .containsOnly(created.schedule().id());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.service.apply(engine.demo, "peak-1",
                EngineHarness.request("m1.small"))).isInstanceOf(io.stackpilot.core.error.ConflictException.class)
                .hasMessageContaining("belongs to schedule " + scheduleId);
        assertThat(engine.get("peak-1").spec().flavor()).isEqualTo("m1.tiny");
    }

    @Test
    void a_service_down_across_the_end_of_a_window_removes_the_servers_on_its_first_pass() {
        peak(2);
        engine.clock.set(from);
        passes();
        assertThat(vms()).hasSize(2);

        engine.clock.set(until.plus(Duration.ofHours(5)));
        passes();
        passes();

        assertThat(vms()).isEmpty();
        assertThat(service.runs(engine.demo, "peak", 10)).singleElement()
                .satisfies(run -> assertThat(run.serversRemoved()).isEqualTo(2));
    }

    @Test
    void a_service_down_at_the_start_makes_the_servers_when_it_returns_inside_the_window() {
        peak(2);
        engine.clock.set(from.plus(Duration.ofMinutes(7)));
        passes();
        assertThat(vms()).hasSize(2);
        assertThat(service.runs(engine.demo, "peak", 10)).singleElement()
                .satisfies(run -> assertThat(run.windowStart()).isEqualTo(from));
    }

    @Test
    void a_count_changed_during_an_open_window_converges_both_ways() {
        peak(2);
        engine.clock.set(from);
        passes();
        service.update(engine.demo, "peak", new SchedulePatch(null, 4, null));
        passes();
        assertThat(vms()).extracting(Server::name).containsExactlyInAnyOrder("peak-1", "peak-2", "peak-3",
                "peak-4");
        service.update(engine.demo, "peak", new SchedulePatch(null, 1, null));
        passes();
        passes();
        assertThat(vms()).extracting(Server::name).containsExactly("peak-1");
        assertThat(service.runs(engine.demo, "peak", 10)).singleElement().satisfies(run -> {
            assertThat(run.serversWanted()).isEqualTo(1);
            assertThat(run.endedAt()).isNull();
        });
    }

    @Test
    void a_window_changed_during_an_open_window_converges_to_the_new_intent() {
        peak(2);
        Instant now = from.plus(Duration.ofMinutes(2));
        engine.clock.set(now);
        passes();
        assertThat(vms()).hasSize(2);

        // Shortened so that it has ended: the servers go, the run of that window ends.
        service.update(engine.demo, "peak", new SchedulePatch(null, null, new WindowRequest(null, null, null, null,
                from.toString(), now.toString())));
        passes();
        passes();
        assertThat(vms()).isEmpty();
        assertThat(service.runs(engine.demo, "peak", 10)).singleElement()
                .satisfies(run -> assertThat(run.endedAt()).isNotNull());

        // Recurring, open now (10:02 UTC inside 09:00-12:00 UTC): the servers come back for a new window.
        service.update(engine.demo, "peak", new SchedulePatch(null, null, new WindowRequest(null, "09:00", "12:00",
                "UTC", null, null)));
        passes();
        assertThat(vms()).extracting(Server::name).containsExactlyInAnyOrder("peak-1", "peak-2");
        assertThat(service.get(engine.demo, "peak").nextEnd()).isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
        // Runs are listed by window start, newest first: today's 09:00 opening sorts after the one-off from 10:01.
        assertThat(service.runs(engine.demo, "peak", 10)).extracting(ScheduleRun::windowStart)
                .containsExactly(from, Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(service.runs(engine.demo, "peak", 10).get(1).endedAt()).isNull();
    }

    @Test
    void disabling_removes_the_servers_and_deleting_removes_them_and_then_the_schedule() {
        peak(2);
        engine.clock.set(from);
        passes();
        service.update(engine.demo, "peak", new SchedulePatch(false, null, null));
        passes();
        passes();
        assertThat(vms()).isEmpty();
        service.update(engine.demo, "peak", new SchedulePatch(true, null, null));
        passes();
        assertThat(vms()).hasSize(2);
        assertThat(service.runs(engine.demo, "peak", 10)).hasSize(1);

        service.delete(engine.demo, "peak");
        passes();
        passes();
        assertThat(vms()).isEmpty();
        assertThat(schedules.list(engine.demo.project().id())).isEmpty();
    }

    @Test
    void a_managed_server_that_only_shares_the_name_is_left_alone_and_reported() {
        engine.service.apply(engine.demo, "peak-1", EngineHarness.request("m1.tiny"));
        engine.settle();
        ManagedServer users = engine.get("peak-1");
        peak(2);
        engine.clock.set(from);
        passes();
        engine.clock.set(until);
        passes();
        passes();

        assertThat(engine.get("peak-1").id()).isEqualTo(users.id());
        assertThat(engine.cloud.allServers()).singleElement().satisfies(vm -> assertThat(vm.metadata())
                .doesNotContainKey(ManagedServer.SCHEDULE_METADATA_KEY));
        assertThat(vms()).extracting(Server::name).containsExactly("peak-1");
        assertThat(service.runs(engine.demo, "peak", 10)).singleElement().satisfies(run -> assertThat(
                run.problems()).singleElement().asString().contains("peak-1", "not this schedule's"));
    }

    @Test
    void another_project_does_not_see_or_change_the_schedule() {
        ScheduleView created = peak(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.get(engine.altDemo,
                created.schedule().id().toString())).isInstanceOf(io.stackpilot.core.error.NotFoundException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.delete(engine.altDemo, "peak"))
                .isInstanceOf(io.stackpilot.core.error.NotFoundException.class);
        assertThat(service.list(engine.altDemo)).isEmpty();
    }
}
