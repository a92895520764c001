package io.stackpilot.core.preemption;

import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.managed.ProjectSessions;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationKind;
import io.stackpilot.core.operation.OperationRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Carries evictions out and records them. Each victim first gets a {@code preempt} operation (durable: should this
 * replica die before the delete, the engine deletes the victim when it runs the operation), then is deleted with a
 * session of its own project (the caller's, or the service account's for another project) after checking that it
 * is that project's and preemptible; then the evictor waits until every victim is gone. Records go to the
 * repository and the listener (audit row, metric) once the standard server's id is known. Thread-safe.
 */
public final class Evictor {
    /** A victim being evicted and its {@code preempt} operation. */
    public record Evicted(Candidate victim, UUID operationId) {
    }

    private final ComputeGateway compute;
    private final ProjectSessions sessions;
    private final OperationRepository operations;
    private final PreemptionRepository evictions;
    private final PreemptionListener listener;
    private final PreemptionSettings settings;
    private final Clock clock;

    public Evictor(ComputeGateway compute, ProjectSessions sessions, OperationRepository operations,
                   PreemptionRepository evictions, PreemptionListener listener, PreemptionSettings settings,
                   Clock clock) {
        this.compute = compute;
        this.sessions = sessions;
        this.operations = operations;
        this.evictions = evictions;
        this.listener = listener;
        this.settings = settings;
        this.clock = clock;
    }

    /** Deletes the victims and waits until they are gone (at most the eviction wait, else a conflict). */
    List<Evicted> evict(List<Candidate> victims, PreemptionReason reason, Session caller) {
        List<Evicted> evicted = new ArrayList<>();
        for (Candidate victim : victims) {
            Server server = victim.server();
            Operation operation = operations.enqueue(Operation.queue(server.projectId(), OperationKind.PREEMPT,
                    targetOf(server.id().value()), "preempt " + server.id().value() + " (" + reason.wireName()
                            + ") for a standard server of project " + caller.project().id(), clock.instant(),
                    server.location()));
            delete(sessionFor(caller, server.projectId()), server);
            evicted.add(new Evicted(victim, operation.id()));
        }
        for (Evicted one : evicted) {
            Server server = one.victim().server();
            Session session = sessionFor(caller, server.projectId());
            boolean gone = waitFor(settings.evictionWait(), () -> compute.findServer(session, server.id())
                    .map(found -> found.status() == ServerStatus.DELETED).orElse(true));
            if (!gone) {
                throw new ConflictException("preemptible server " + server.id().value() + " was deleted to make "
                        + "room but is still there after " + settings.evictionWait() + "; retry");
            }
        }
        return List.copyOf(evicted);
    }

    /** Waits (at most the eviction wait) until {@code room} holds; false when it never did. */
    boolean awaitRoom(BooleanSupplier room) {
        return waitFor(settings.evictionWait(), room);
    }

    /** Records each eviction for {@code by} (null: the create failed after all) and tells the listener. */
    void record(List<Evicted> evicted, Server by, Session caller, PreemptionReason reason) {
        for (Evicted one : evicted) {
            Server victim = one.victim().server();
            Eviction eviction = new Eviction(UUID.randomUUID(), victim.id().value(), victim.name(),
                    victim.flavor().name() == null ? victim.flavor().id() : victim.flavor().name(),
                    victim.projectId(), by == null ? "none (the standard create failed)" : by.id().value(),
                    caller.project().id(), reason, clock.instant(), victim.location(), one.operationId());
            evictions.record(eviction);
            listener.evicted(eviction);
        }
    }

    /** Deletes a standard server that went to ERROR for lack of capacity (the caller's own). */
    void removeFailed(Session caller, Server failed) {
        try {
            compute.delete(caller, failed.id());
        } catch (NotFoundException gone) {
            return;
        }
        waitFor(settings.evictionWait(), () -> compute.findServer(caller, failed.id()).isEmpty());
    }

    private void delete(Session session, Server victim) {
        Server current = compute.findServer(session, victim.id()).orElse(null);
        if (current == null) {
            return;
        }
        if (!current.projectId().equals(session.project().id()) || !current.preemptible()) {
            // Never a standard server, never another project's: the cloud's policy is not relied on.
            throw new IllegalStateException("server " + victim.id().value() + " is not a preemptible server of "
                    + session.project().id());
        }
        try {
            compute.delete(session, victim.id());
        } catch (NotFoundException alreadyGone) {
            // deleted meanwhile (by its owner, or by the engine running the preempt operation)
        }
    }

    private Session sessionFor(Session caller, String projectId) {
        return caller.project().id().equals(projectId) ? caller : sessions.forProject(projectId);
    }

    private boolean waitFor(Duration wait, BooleanSupplier done) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            pause(settings.poll());
        }
        return true;
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for preemption", interrupted);
        }
    }

    /** The operation target naming a VM: its id when it is a UUID (Nova's are), else a UUID derived from it. */
    public static UUID targetOf(String serverId) {
        try {
            return UUID.fromString(serverId);
        } catch (IllegalArgumentException notUuid) {
            return UUID.nameUUIDFromBytes(serverId.getBytes(StandardCharsets.UTF_8));
        }
    }
}
