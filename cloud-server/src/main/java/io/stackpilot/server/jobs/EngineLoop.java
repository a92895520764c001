package io.stackpilot.server.jobs;

import io.stackpilot.core.common.Require;
import io.stackpilot.core.managed.OperationExecutor;
import io.stackpilot.core.managed.ReconcilePass;
import io.stackpilot.core.managed.Reconciler;
import io.stackpilot.core.schedule.ScheduleDriver;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desired-state engine of one replica: a reconcile pass, then the due operations, repeated while either finds
 * work, then a short {@code tick} of sleep. The due times in the database decide what is worked on (the API makes a
 * resource due at once, a released one is due again after the reconcile interval), so the tick only bounds the
 * latency of a change. Every replica runs one; the repositories' claims keep them apart.
 *
 * <p>{@link #stop(Duration)} lets the step in hand finish within the budget and then returns; a step still in a
 * cloud call is abandoned (the thread is a daemon thread), and its claims end with their leases, after which
 * another replica (or this one after a restart) takes the resource and the operation over. Thread-safe.
 */
public final class EngineLoop {
    /** Operations run per step; a step is short so that a stop rarely has to abandon one. */
    public static final int OPERATIONS_PER_STEP = 10;
    /** Schedules served per step. */
    public static final int SCHEDULES_PER_STEP = 50;
    /** The sleep between idle rounds: the latency of a change, not a schedule (the due times are the schedule). */
    public static final Duration TICK = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(EngineLoop.class);

    private final Reconciler reconciler;
    private final OperationExecutor executor;
    private final ScheduleDriver schedules;
    private final Duration tick;
    private final Object sleeper = new Object();
    private volatile boolean running;
    private volatile Thread thread;

    public EngineLoop(Reconciler reconciler, OperationExecutor executor, Duration tick) {
        this(reconciler, executor, null, tick);
    }

    /** With the schedule policy ({@code schedules} null: none) run first in every step. */
    public EngineLoop(Reconciler reconciler, OperationExecutor executor, ScheduleDriver schedules, Duration tick) {
        this.schedules = schedules;
        this.reconciler = Require.notNull(reconciler, "reconciler");
        this.executor = Require.notNull(executor, "executor");
        this.tick = Require.notNull(tick, "tick");
    }

    /**
     * One round: steps while the reconciler or the executor found work. Never throws (a failure is logged and the
     * next tick tries again); returns how many steps found work.
     */
    public int runUntilIdle() {
        int busySteps = 0;
        try {
            while (running || thread == null) {
                // Schedules first: what they declare or remove is due at once for the reconciler in the same step.
                int served = schedules == null ? 0 : schedules.runDue(SCHEDULES_PER_STEP);
                ReconcilePass pass = reconciler.reconcileDue();
                int ran = executor.runDue(OPERATIONS_PER_STEP);
                if (served == 0 && pass.claimed() == 0 && ran == 0) {
                    break;
                }
                busySteps++;
            }
        } catch (RuntimeException failure) {
            LOG.warn("engine step failed, retrying in {}: {}", tick, failure.toString());
        }
        return busySteps;
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("engine loop already started");
        }
        running = true;
        thread = Thread.ofPlatform().name("stackpilot-engine").daemon().start(this::loop);
    }

    private void loop() {
        while (running) {
            runUntilIdle();
            synchronized (sleeper) {
                if (running) {
                    try {
                        sleeper.wait(Math.max(1, tick.toMillis()));
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    /** Stops taking new work, without waiting (the step in hand goes on). Idempotent. */
    public void requestStop() {
        running = false;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    /**
     * Stops taking new work and waits up to {@code budget} for the step in hand; true when the loop ended within
     * it. Idempotent.
     */
    public synchronized boolean stop(Duration budget) {
        requestStop();
        if (thread == null || !thread.isAlive()) {
            return true;
        }
        try {
            if (thread.join(budget.isNegative() ? Duration.ZERO : budget)) {
                return true;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        LOG.warn("engine step still running at the shutdown deadline; its claims end with their lease and another "
                + "replica takes them over");
        return false;
    }
}
