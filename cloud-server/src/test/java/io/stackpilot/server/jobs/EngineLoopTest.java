package io.stackpilot.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.Phase;
import io.stackpilot.core.operation.OperationQuery;
import io.stackpilot.core.operation.OperationState;
import io.stackpilot.core.testing.EngineHarness;
import io.stackpilot.core.testing.ForwardingCompute;
import io.stackpilot.core.testing.TestData;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EngineLoopTest {

    @Test
    void a_round_works_until_neither_the_reconciler_nor_the_executor_finds_anything() {
        EngineHarness engine = new EngineHarness();
        engine.service.apply(engine.demo, "web-1", EngineHarness.request("m1.tiny"));
        EngineLoop loop = new EngineLoop(engine.reconciler(), engine.executor(), Duration.ofMillis(10));

        assertThat(loop.runUntilIdle()).isPositive();

        ManagedServer web = engine.get("web-1");
        assertThat(web.status().phase()).isEqualTo(Phase.READY);
        assertThat(engine.cloud.allServers()).hasSize(1);
        assertThat(loop.runUntilIdle()).isZero();
    }

    @Test
    void the_started_loop_takes_a_declaration_on_its_next_tick() throws InterruptedException {
        EngineHarness engine = new EngineHarness();
        EngineLoop loop = new EngineLoop(engine.reconciler(), engine.executor(), Duration.ofMillis(10));
        loop.start();
        try {
            engine.service.apply(engine.demo, "web-1", EngineHarness.request("m1.tiny"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (engine.get("web-1").status().phase() != Phase.READY && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(engine.get("web-1").status().phase()).isEqualTo(Phase.READY);
        } finally {
            assertThat(loop.stop(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void a_stop_during_a_cloud_call_returns_by_its_budget_and_leaves_the_operation_running_under_its_lease()
            throws InterruptedException {
        CountDownLatch booting = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        EngineHarness engine = new EngineHarness();
        ComputeGateway hanging = new ForwardingCompute(engine.cloud) {
            @Override
            public Server boot(Session session, BootRequest request) {
                booting.countDown();
                try {
                    never.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("abandoned");
            }
        };
        engine.service.apply(engine.demo, "web-1", EngineHarness.request("m1.tiny"));
        EngineLoop loop = new EngineLoop(engine.reconciler(), engine.executor("replica-b", hanging),
                Duration.ofMillis(10));
        loop.start();
        assertThat(booting.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(loop.stop(Duration.ofMillis(100))).isFalse();

        assertThat(engine.operations.list(new OperationQuery(TestData.DEMO.id(), null, null, 10)))
                .singleElement().satisfies(op -> {
                    assertThat(op.state()).isEqualTo(OperationState.RUNNING);
                    assertThat(op.leaseUntil()).isAfter(engine.clock.instant());
                });
        never.countDown();
    }
}
