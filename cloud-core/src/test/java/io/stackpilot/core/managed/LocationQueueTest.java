package io.stackpilot.core.managed;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.error.UpstreamUnavailableException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.operation.Backoff;
import io.stackpilot.core.operation.LocationQueue;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationQuery;
import io.stackpilot.core.operation.OperationState;
import io.stackpilot.core.reach.FloatingIpAssignment;
import io.stackpilot.core.testing.EngineHarness;
import io.stackpilot.core.testing.ForwardingCompute;
import io.stackpilot.core.testing.TestData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The executor per location: bounded concurrency, and back-off of the whole location on 429/503. */
class LocationQueueTest {
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), 3, () -> 0.5);

    @Test
    void a_429_with_retry_after_holds_back_the_operation_and_every_other_of_its_location_until_then() {
        EngineHarness engine = declared(2);
        engine.cloud.failNext(() -> slowDown(429, Duration.ofSeconds(20)));

        assertThat(engine.executor().runDue(1)).isEqualTo(1);

        Operation throttled = operations(engine).stream().filter(op -> op.error() != null).findFirst().orElseThrow();
        assertThat(throttled.state()).isEqualTo(OperationState.QUEUED);
        assertThat(throttled.notBefore()).isEqualTo(engine.clock.instant().plusSeconds(20));
        assertThat(engine.operations.summary(null, engine.clock.instant(), engine.clock.instant()))
                .containsExactly(new LocationQueue(Location.DEFAULT, 2, 0, engine.clock.instant().plusSeconds(20),
                        "the compute service answered 429: Rate limit exceeded", 0));
        assertThat(engine.executor().runDue(10)).as("the other one waits for the location's pause").isZero();
        engine.clock.advance(Duration.ofSeconds(19));
        assertThat(engine.executor().runDue(10)).isZero();
        engine.clock.advance(Duration.ofSeconds(1));
        assertThat(engine.executor().runDue(10)).isEqualTo(2);
        assertThat(operations(engine)).extracting(Operation::state).containsOnly(OperationState.SUCCEEDED);
        assertThat(engine.cloud.allServers()).hasSize(2);
    }

    @Test
    void a_503_without_retry_after_pauses_the_location_for_the_operations_backoff() {
        EngineHarness engine = declared(2);
        engine.cloud.failNext(() -> slowDown(503, null));

        engine.executor().runDue(1);

        // base 5 s, first attempt, random 0.5: 3.75 s
        assertThat(engine.operations.summary(TestData.DEMO.id(), engine.clock.instant(), engine.clock.instant()))
                .singleElement().satisfies(queue ->
                        assertThat(queue.pausedUntil()).isEqualTo(engine.clock.instant().plusMillis(3750)));
        assertThat(engine.executor().runDue(10)).isZero();
        engine.clock.advance(Duration.ofMillis(3750));
        assertThat(engine.executor().runDue(10)).isEqualTo(2);
    }

    @Test
    void an_unreachable_cloud_retries_the_operation_but_does_not_pause_its_location() {
        EngineHarness engine = declared(2);
        engine.cloud.failNext(() -> new UpstreamUnavailableException("compute", "could not be reached", null, null));

        engine.executor().runDue(1);

        assertThat(engine.operations.summary(null, engine.clock.instant(), engine.clock.instant()))
                .singleElement().satisfies(queue -> assertThat(queue.pausedUntil()).isNull());
        assertThat(engine.executor().runDue(10)).as("the other operation goes on").isEqualTo(1);
    }

    @Test
    void no_more_than_the_location_concurrency_run_at_once_and_those_run_side_by_side() throws Exception {
        EngineHarness engine = declared(5);
        CyclicBarrier bothBooting = new CyclicBarrier(2);
        AtomicInteger booting = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        ComputeGateway slow = new ForwardingCompute(engine.cloud) {
            @Override
            public Server boot(Session session, BootRequest request) {
                mostAtOnce.accumulateAndGet(booting.incrementAndGet(), Math::max);
                try {
                    // Only two that run at the same time can both pass: one after another would time out.
                    bothBooting.await(10, TimeUnit.SECONDS);
                    return super.boot(session, request);
                } catch (Exception notSideBySide) {
                    throw new IllegalStateException(notSideBySide);
                } finally {
                    booting.decrementAndGet();
                }
            }
        };
        OperationExecutor executor = new OperationExecutor(engine.resources, engine.operations, slow,
                engine.sessions, engine.audit::add,
                EngineHarness.settings("replica-a").withLocationConcurrency(2, Location.DEFAULT), BACKOFF,
                engine.clock, new FloatingIpAssignment(slow, engine.reach));
        // The fifth runs alone: not through the gate, which only a pair passes.
        OperationExecutor other = new OperationExecutor(engine.resources, engine.operations, engine.cloud,
                engine.sessions, engine.audit::add,
                EngineHarness.settings("replica-b").withLocationConcurrency(2, Location.DEFAULT), BACKOFF,
                engine.clock, new FloatingIpAssignment(engine.cloud, engine.reach));

        assertThat(executor.runDue(10)).isEqualTo(2);
        assertThat(executor.runDue(10)).isEqualTo(2);
        assertThat(other.runDue(10)).isEqualTo(1);

        assertThat(mostAtOnce.get()).isEqualTo(2);
        assertThat(engine.cloud.allServers()).hasSize(5);
        assertThat(operations(engine)).extracting(Operation::state).containsOnly(OperationState.SUCCEEDED);
    }

    @Test
    void an_operation_acts_in_its_resources_recorded_location_else_in_the_default_one() {
        EngineHarness engine = declared(1);
        assertThat(operations(engine)).extracting(Operation::location).containsExactly(Location.DEFAULT);
        engine.settle();
        Location recorded = engine.get("web-0").status().location();

        engine.service.delete(engine.demo, "web-0");

        assertThat(recorded).isNotNull();
        assertThat(operations(engine).getFirst().location()).isEqualTo(recorded);
    }

    private static EngineHarness declared(int count) {
        EngineHarness engine = new EngineHarness();
        for (int i = 0; i < count; i++) {
            engine.service.apply(engine.demo, "web-" + i, EngineHarness.request("m1.tiny"));
        }
        engine.reconciler().reconcileDue();
        return engine;
    }

    private static UpstreamUnavailableException slowDown(int status, Duration retryAfter) {
        return new UpstreamUnavailableException("compute", "the compute service answered " + status
                + (status == 429 ? ": Rate limit exceeded" : ""), "req-" + status, null, true, retryAfter);
    }

    private static List<Operation> operations(EngineHarness engine) {
        return engine.operations.list(new OperationQuery(TestData.DEMO.id(), null, null, 100));
    }
}
