package io.stackpilot.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.schedule.ScheduleDriver;
import io.stackpilot.core.schedule.ScheduleService;
import io.stackpilot.core.schedule.ScheduleView;
import io.stackpilot.core.testing.EngineHarness;
import io.stackpilot.core.testing.InMemoryScheduleRepository;
import io.stackpilot.kubernetes.crd.ScheduleResource;
import io.stackpilot.kubernetes.crd.ScheduleSpec;
import io.stackpilot.kubernetes.crd.ServerSpec.CloudRef;
import io.stackpilot.kubernetes.crd.ServerStatus.ConditionStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's fakes (a Tuesday, 10:00 UTC) and the schedules API's own ScheduleService behind the reconciler. */
class ScheduleReconcilerTest {
    private static final ScheduleSpec.Window WEEKDAYS = new ScheduleSpec.Window(
            List.of("mon", "tue", "wed", "thu", "fri"), "08:00", "18:00", "UTC", null, null);

    private final EngineHarness engine = new EngineHarness();
    private final InMemoryScheduleRepository repository = new InMemoryScheduleRepository();
    private final ScheduleService schedules = new ScheduleService(repository, engine.resources, engine.cloud,
            engine.cloud, engine.cloud, engine.clock);
    private final FakeResourceWrites cluster = new FakeResourceWrites();
    private final ScheduleReconciler reconciler = new ScheduleReconciler(schedules,
            ReconcilerFixtures.cloudSessions(engine, new FakeKubernetesObjects()), cluster, engine.clock);

    @Test
    void a_schedule_object_creates_one_schedule_whose_state_its_status_mirrors() {
        ScheduleResource resource = schedule("peak", "m1.tiny", 2, WEEKDAYS);

        reconciler.reconcile(resource);
        reconciler.reconcile(resource);

        ScheduleView stored = schedules.get(engine.demo, "peak");
        assertThat(schedules.list(engine.demo)).hasSize(1);
        assertThat(stored.schedule().count()).isEqualTo(2);
        assertThat(resource.getFinalizers()).containsExactly(ScheduleReconciler.FINALIZER);
        assertThat(resource.getStatus().scheduleID()).isEqualTo(stored.schedule().id().toString());
        assertThat(resource.getStatus().active()).isTrue();
        assertThat(resource.getStatus().phase()).isEqualTo("Active");
        assertThat(resource.getStatus().wantedCount()).isEqualTo(2);
        assertThat(resource.getStatus().nextChange()).isEqualTo("2026-12-01T18:00:00Z");
        assertThat(resource.getStatus().observedGeneration()).isEqualTo(1L);
        assertThat(ready(resource).status()).isEqualTo("True");
        assertThat(ready(resource).reason()).isEqualTo("WindowOpen");
        assertThat(cluster.statusWrites).as("the second pass changed nothing").isEqualTo(1);
        assertThat(cluster.reasons()).containsExactly("Created");
    }

    @Test
    void count_window_and_enabled_follow_the_object_and_a_fixed_field_change_is_reported_not_ignored() {
        ScheduleResource resource = schedule("peak", "m1.tiny", 2, WEEKDAYS);
        reconciler.reconcile(resource);

        resource.setSpec(new ScheduleSpec(resource.getSpec().cloudRef(), "m1.small", "cirros-0.6-lab",
                List.of("private"), 3, false, true, new ScheduleSpec.Window(List.of("sat", "sun"), "08:00", "18:00",
                "UTC", null, null)));
        resource.getMetadata().setGeneration(2L);
        reconciler.reconcile(resource);

        ScheduleView stored = schedules.get(engine.demo, "peak");
        assertThat(stored.schedule().count()).isEqualTo(3);
        assertThat(stored.active()).as("a Tuesday is outside sat/sun").isFalse();
        assertThat(resource.getStatus().wantedCount()).isZero();
        assertThat(resource.getStatus().nextChange()).isEqualTo("2026-12-05T08:00:00Z");
        assertThat(ready(resource).status()).isEqualTo("False");
        assertThat(ready(resource).reason()).isEqualTo("ImmutableField");
        assertThat(ready(resource).message()).contains("flavor=m1.tiny");
        assertThat(cluster.events).anySatisfy(event -> {
            assertThat(event.warning()).isTrue();
            assertThat(event.reason()).isEqualTo("ImmutableField");
        });

        resource.setSpec(new ScheduleSpec(resource.getSpec().cloudRef(), "m1.tiny", "cirros-0.6-lab",
                List.of("private"), 3, false, false, WEEKDAYS));
        resource.getMetadata().setGeneration(3L);
        reconciler.reconcile(resource);
        assertThat(schedules.get(engine.demo, "peak").schedule().enabled()).isFalse();
        assertThat(resource.getStatus().wantedCount()).isZero();
        assertThat(ready(resource).status()).isEqualTo("True");
    }

    @Test
    void an_invalid_spec_is_reported_with_every_problem_and_stores_nothing() {
        ScheduleResource resource = schedule("peak", "no-such-flavor", 2, new ScheduleSpec.Window(null, "08:00",
                "18:00", "Mars/Olympus", null, null));

        reconciler.reconcile(resource);

        assertThat(schedules.list(engine.demo)).isEmpty();
        assertThat(ready(resource).reason()).isEqualTo("InvalidSpec");
        assertThat(ready(resource).message()).contains("flavor", "Mars/Olympus");
        assertThat(resource.getStatus().phase()).isEqualTo("Failed");
    }

    @Test
    void a_schedule_of_that_name_made_before_the_object_is_not_taken_over() {
        schedules.create(engine.demo, new io.stackpilot.core.schedule.ScheduleRequest("peak", "m1.tiny",
                "cirros-0.6-lab", List.of("private"), 1, null, null, new io.stackpilot.core.schedule.WindowRequest(
                        null, "08:00", "18:00", "UTC", null, null)));
        engine.clock.advance(Duration.ofMinutes(1));
        ScheduleResource resource = schedule("peak", "m1.tiny", 2, WEEKDAYS);

        reconciler.reconcile(resource);

        assertThat(ready(resource).reason()).isEqualTo("NameTaken");
        assertThat(schedules.get(engine.demo, "peak").schedule().count()).isEqualTo(1);
    }

    @Test
    void deleting_the_object_deletes_the_schedule_and_its_servers_before_the_finalizer_goes() {
        ScheduleResource resource = schedule("peak", "m1.tiny", 2, WEEKDAYS);
        reconciler.reconcile(resource);
        ScheduleDriver driver = new ScheduleDriver(repository, engine.resources, engine.operations,
                EngineHarness.settings("replica-a"), engine.clock);
        driver.runDue(10);
        engine.settle();
        assertThat(engine.cloud.allServers()).hasSize(2);

        resource.getMetadata().setDeletionTimestamp("2026-12-01T10:05:00Z");
        reconciler.reconcile(resource);
        assertThat(resource.getFinalizers()).as("kept while the servers go").contains(ScheduleReconciler.FINALIZER);
        assertThat(resource.getStatus().phase()).isEqualTo("Deleting");

        for (int i = 0; i < 5; i++) {
            engine.clock.advance(Duration.ofSeconds(31));
            driver.runDue(10);
            engine.settle();
        }
        reconciler.reconcile(resource);

        assertThat(resource.getFinalizers()).isEmpty();
        assertThatThrownBy(() -> schedules.get(engine.demo, "peak")).isInstanceOf(NotFoundException.class);
        assertThat(engine.cloud.allServers()).isEmpty();
    }

    /** An object created now (by the engine's clock). */
    private ScheduleResource schedule(String name, String flavor, int count, ScheduleSpec.Window window) {
        ScheduleResource resource = new ScheduleResource();
        resource.setMetadata(ReconcilerFixtures.metadata(name, ReconcilerFixtures.NAMESPACE, engine.clock.instant()));
        resource.setSpec(new ScheduleSpec(new CloudRef(ReconcilerFixtures.SECRET, null), flavor, "cirros-0.6-lab",
                List.of("private"), count, false, true, window));
        return resource;
    }

    private static ConditionStatus ready(ScheduleResource resource) {
        return ReconcilerFixtures.ready(resource.getStatus().conditions());
    }
}
