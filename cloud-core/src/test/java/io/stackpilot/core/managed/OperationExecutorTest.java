package io.stackpilot.core.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.error.UpstreamUnavailableException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationKind;
import io.stackpilot.core.operation.OperationQuery;
import io.stackpilot.core.operation.OperationState;
import io.stackpilot.core.testing.EngineHarness;
import io.stackpilot.core.testing.ForwardingCompute;
import io.stackpilot.core.testing.TestData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The executor's guarantees: no duplicate VM, no operation run twice, coalescing, retries, ownership. */
class OperationExecutorTest {

    /** The process dies right after Nova accepted the boot, before anything was recorded. */
    static final class Crash extends RuntimeException {
    }

    @Test
    void a_vm_booted_just_before_a_crash_is_found_by_its_marker_on_the_next_attempt_not_duplicated() {
        EngineHarness crashing = new EngineHarness();
        ComputeGateway dying = new CrashAfterBoot(crashing.cloud);
        crashing.service.apply(crashing.demo, "web", EngineHarness.request("m1.tiny"));
        crashing.reconciler().reconcileDue();

        assertThatThrownBy(() -> crashing.executor("replica-a", dying).runDue(10)).isInstanceOf(Crash.class);
        assertThat(crashing.cloud.allServers()).hasSize(1);
        crashing.clock.advance(Duration.ofSeconds(61));
        crashing.executor("replica-b", crashing.cloud).runDue(10);
        crashing.reconciler().reconcileDue();

        assertThat(crashing.cloud.allServers()).hasSize(1);
        assertThat(crashing.cloud.calls("boot")).isEqualTo(1);
        assertThat(crashing.get("web").status().serverId())
                .isEqualTo(crashing.cloud.allServers().getFirst().id().value());
        assertThat(crashing.get("web").status().phase()).isEqualTo(Phase.READY);
        assertThat(crashing.eventReasons("web")).contains("Adopted");
        assertThat(operations(crashing)).singleElement().satisfies(op -> {
            assertThat(op.state()).isEqualTo(OperationState.SUCCEEDED);
            assertThat(op.attempts()).isEqualTo(2);
            assertThat(op.claimedBy()).isEqualTo("replica-b");
        });
    }

    @Test
    void two_executors_racing_never_run_one_operation_twice() throws Exception {
        EngineHarness engine = new EngineHarness();
        for (int i = 0; i < 40; i++) {
            engine.service.apply(engine.demo, "web-" + i, EngineHarness.request("m1.tiny"));
        }
        engine.reconciler().reconcileDue();
        List<OperationExecutor> executors = List.of(engine.executor("replica-a", engine.cloud),
                engine.executor("replica-b", engine.cloud), engine.executor("replica-c", engine.cloud));
        ExecutorService threads = Executors.newFixedThreadPool(executors.size());
        List<Future<?>> runs = new ArrayList<>();
        for (OperationExecutor executor : executors) {
            runs.add(threads.submit(() -> {
                while (executor.runDue(1) > 0) {
                    Thread.onSpinWait();
                }
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        threads.shutdown();

        assertThat(engine.cloud.calls("boot")).isEqualTo(40);
        assertThat(engine.cloud.allServers()).hasSize(40);
        assertThat(operations(engine)).hasSize(40).allSatisfy(op -> {
            assertThat(op.state()).isEqualTo(OperationState.SUCCEEDED);
            assertThat(op.attempts()).isEqualTo(1);
        });
    }

    @Test
    void declare_then_delete_before_anything_ran_does_nothing_in_the_cloud() {
        EngineHarness engine = new EngineHarness();
        ManagedServer web = engine.service.apply(engine.demo, "web", EngineHarness.request("m1.tiny")).server();
        engine.reconciler().reconcileDue();

        engine.service.delete(engine.demo, "web");
        engine.executor().runDue(10);

        assertThat(engine.cloud.calls("boot")).isZero();
        assertThat(engine.cloud.calls("delete")).isZero();
        assertThat(engine.resources.findById(web.id())).isEmpty();
        assertThat(operations(engine)).extracting(Operation::kind, Operation::state).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(OperationKind.CREATE, OperationState.CANCELLED),
                org.assertj.core.groups.Tuple.tuple(OperationKind.DELETE, OperationState.SUCCEEDED));
    }

    @Test
    void deleting_a_managed_server_deletes_its_vm_then_the_record() {
        EngineHarness engine = new EngineHarness();
        ManagedServer web = engine.service.apply(engine.demo, "web", EngineHarness.request("m1.tiny")).server();
        engine.settle();

        assertThat(engine.service.delete(engine.demo, "web").status().phase()).isEqualTo(Phase.DELETING);
        engine.step();

        assertThat(engine.cloud.allServers()).isEmpty();
        assertThat(engine.resources.findById(web.id())).isEmpty();
        assertThat(engine.audit).extracting(EngineAction::action).containsExactly("boot", "delete", "forget");
        assertThat(engine.audit.get(1).actor()).startsWith("replica:replica-a operation:");
    }

    @Test
    void the_record_is_forgotten_only_once_nova_has_finished_deleting_the_vm() {
        EngineHarness engine = new EngineHarness();
        ManagedServer web = engine.service.apply(engine.demo, "web", EngineHarness.request("m1.tiny")).server();
        engine.settle();
        engine.cloud.deletesLingerFor(2);
        int readsBefore = engine.cloud.calls("findServer");

        engine.service.delete(engine.demo, "web");
        engine.step();

        assertThat(engine.cloud.calls("findServer") - readsBefore).as("looked until the VM was gone").isEqualTo(3);
        assertThat(engine.cloud.allServers()).isEmpty();
        assertThat(engine.resources.findById(web.id())).isEmpty();
    }

    @Test
    void an_upstream_fault_is_retried_after_a_backoff_and_then_succeeds() {
        EngineHarness engine = new EngineHarness();
        engine.service.apply(engine.demo, "web", EngineHarness.request("m1.tiny"));
        engine.reconciler().reconcileDue();
        engine.cloud.failNext(() -> new UpstreamUnavailableException("compute", "Nova is down", null, null));

        engine.executor().runDue(10);

        Operation retried = operations(engine).getFirst();
        assertThat(retried.state()).isEqualTo(OperationState.QUEUED);
        assertThat(retried.error()).contains("Nova is down");
        // base 5 s, first attempt: half of 5 s plus half of the other half (random 0.5)
        assertThat(retried.notBefore()).isEqualTo(engine.clock.instant().plusMillis(3750));
        assertThat(engine.executor().runDue(10)).as("not due before its backoff").isZero();
        engine.clock.advance(Duration.ofSeconds(4));
        engine.executor().runDue(10);
        assertThat(operations(engine).getFirst().state()).isEqualTo(OperationState.SUCCEEDED);
        assertThat(engine.eventReasons("web")).contains("Retrying", "Created");
    }

    @Test
    void a_fault_that_is_not_retryable_fails_the_operation_finally_with_its_reason() {
        EngineHarness engine = new EngineHarness();
        engine.cloud.setInstanceQuota(TestData.DEMO.id(), 0);
        engine.service.apply(engine.demo, "web", EngineHarness.request("m1.tiny"));

        engine.step();

        assertThat(operations(engine).getFirst()).satisfies(op -> {
            assertThat(op.state()).isEqualTo(OperationState.FAILED);
            assertThat(op.error()).contains("Quota exceeded");
        });
        assertThat(engine.get("web").status().phase()).isEqualTo(Phase.FAILED);
        assertThat(engine.audit).extracting(EngineAction::action).containsExactly("fail");
        engine.nextInterval();
        engine.step();
        assertThat(operations(engine)).as("the same spec is not retried every interval").hasSize(1);
        engine.clock.advance(Duration.ofMinutes(10));
        engine.step();
        assertThat(operations(engine)).as("but again after a while").hasSize(2);
    }

    @Test
    void a_service_session_scoped_to_another_project_is_refused_and_nothing_is_booted() {
        EngineHarness engine = new EngineHarness();
        engine.service.apply(engine.demo, "web", EngineHarness.request("m1.tiny"));
        engine.sessions.scopeEverythingTo(TestData.ALT_DEMO.id());

        ReconcilePass pass = engine.reconciler().reconcileDue();
        engine.operations.enqueue(Operation.queue(TestData.DEMO.id(), OperationKind.CREATE,
                engine.get("web").id(), "test", engine.clock.instant()));
        engine.executor().runDue(10);

        assertThat(pass.unobservedProjects()).isEqualTo(1);
        assertThat(engine.cloud.calls("boot")).isZero();
        assertThat(engine.cloud.calls("listServers")).isZero();
        assertThat(operations(engine).getFirst().state()).isEqualTo(OperationState.FAILED);
    }

    private static List<Operation> operations(EngineHarness engine) {
        return engine.operations.list(new OperationQuery(TestData.DEMO.id(), null, null, 100));
    }

    private static final class CrashAfterBoot extends ForwardingCompute {
        CrashAfterBoot(ComputeGateway delegate) {
            super(delegate);
        }

        @Override
        public Server boot(Session session, BootRequest request) {
            super.boot(session, request);
            throw new Crash();
        }
    }
}
