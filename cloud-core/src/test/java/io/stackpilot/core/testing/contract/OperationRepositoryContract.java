package io.stackpilot.core.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.operation.LocationQueue;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationKind;
import io.stackpilot.core.operation.OperationQuery;
import io.stackpilot.core.operation.OperationRepository;
import io.stackpilot.core.operation.OperationState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link OperationRepository} keeps; extend it with a factory for an empty repository. */
public abstract class OperationRepositoryContract {
    protected static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    protected static final Duration LEASE = Duration.ofSeconds(60);
    protected static final String PROJECT = "demo-project-id";
    protected static final Location EAST = new Location("lab-east", "RegionOne");
    protected static final Location WEST = new Location("lab-west", "RegionOne");

    private OperationRepository repository;

    /** A repository with no operations. */
    protected abstract OperationRepository newRepository();

    @BeforeEach
    void create_an_empty_repository() {
        repository = newRepository();
    }

    protected static Operation create(UUID target, Instant at) {
        return Operation.queue(PROJECT, OperationKind.CREATE, target, "declared", at);
    }

    @Test
    void an_enqueued_operation_is_claimed_once_running_with_an_attempt_and_a_lease() {
        Operation queued = repository.enqueue(create(UUID.randomUUID(), NOW));

        List<Operation> claimed = repository.claimDue("replica-a", NOW, LEASE, 10);

        assertThat(claimed).singleElement().satisfies(op -> {
            assertThat(op.id()).isEqualTo(queued.id());
            assertThat(op.state()).isEqualTo(OperationState.RUNNING);
            assertThat(op.attempts()).isEqualTo(1);
            assertThat(op.claimedBy()).isEqualTo("replica-a");
            assertThat(op.leaseUntil()).isEqualTo(NOW.plus(LEASE));
            assertThat(op.startedAt()).isEqualTo(NOW);
            assertThat(op.reason()).isEqualTo("declared");
        });
        assertThat(repository.claimDue("replica-b", NOW.plusSeconds(59), LEASE, 10)).isEmpty();
        assertThat(repository.find(queued.id())).contains(claimed.getFirst());
    }

    @Test
    void an_operation_whose_lease_ended_is_taken_over_and_the_old_holder_can_no_longer_finish_it() {
        Operation queued = repository.enqueue(create(UUID.randomUUID(), NOW));
        repository.claimDue("replica-a", NOW, LEASE, 10);

        List<Operation> takenOver = repository.claimDue("replica-b", NOW.plus(LEASE), LEASE, 10);

        assertThat(takenOver).singleElement().satisfies(op -> {
            assertThat(op.claimedBy()).isEqualTo("replica-b");
            assertThat(op.attempts()).isEqualTo(2);
            assertThat(op.startedAt()).isEqualTo(NOW);
        });
        assertThat(repository.complete(queued.id(), "replica-a", NOW.plus(LEASE))).isFalse();
        assertThat(repository.renew(queued.id(), "replica-a", NOW.plus(LEASE).plus(LEASE))).isFalse();
        assertThat(repository.renew(queued.id(), "replica-b", NOW.plus(LEASE).plus(LEASE))).isTrue();
        assertThat(repository.complete(queued.id(), "replica-b", NOW.plusSeconds(70))).isTrue();
        assertThat(repository.find(queued.id())).hasValueSatisfying(op -> {
            assertThat(op.state()).isEqualTo(OperationState.SUCCEEDED);
            assertThat(op.finishedAt()).isEqualTo(NOW.plusSeconds(70));
        });
    }

    @Test
    void a_newer_command_for_the_same_target_supersedes_a_queued_one() {
        UUID target = UUID.randomUUID();
        Operation create = repository.enqueue(create(target, NOW));

        Operation delete = repository.enqueue(Operation.queue(PROJECT, OperationKind.DELETE, target, "asked", NOW));

        assertThat(repository.find(create.id())).hasValueSatisfying(op -> {
            assertThat(op.state()).isEqualTo(OperationState.CANCELLED);
            assertThat(op.error()).isEqualTo("superseded by " + delete.id());
        });
        assertThat(repository.pending(target)).map(Operation::id).contains(delete.id());
        assertThat(repository.claimDue("replica-a", NOW, LEASE, 10)).extracting(Operation::id)
                .containsExactly(delete.id());
    }

    @Test
    void a_running_command_is_not_superseded_and_the_next_waits_until_it_ends() {
        UUID target = UUID.randomUUID();
        Operation create = repository.enqueue(create(target, NOW));
        repository.claimDue("replica-a", NOW, LEASE, 10);

        Operation delete = repository.enqueue(Operation.queue(PROJECT, OperationKind.DELETE, target, "asked", NOW));

        assertThat(repository.claimDue("replica-b", NOW, LEASE, 10)).as("one running per target").isEmpty();
        assertThat(repository.claimDue("replica-b", NOW.plus(LEASE), LEASE, 10)).as("takeover comes first")
                .extracting(Operation::id).containsExactly(create.id());
        repository.complete(create.id(), "replica-b", NOW.plus(LEASE));
        assertThat(repository.claimDue("replica-a", NOW.plus(LEASE), LEASE, 10)).extracting(Operation::id)
                .containsExactly(delete.id());
    }

    @Test
    void a_retry_waits_until_not_before_and_keeps_the_error() {
        Operation queued = repository.enqueue(create(UUID.randomUUID(), NOW));
        repository.claimDue("replica-a", NOW, LEASE, 10);

        assertThat(repository.retryAt(queued.id(), "replica-a", "Nova is down", NOW.plusSeconds(5))).isTrue();

        assertThat(repository.find(queued.id())).hasValueSatisfying(op -> {
            assertThat(op.state()).isEqualTo(OperationState.QUEUED);
            assertThat(op.error()).isEqualTo("Nova is down");
            assertThat(op.claimedBy()).isNull();
        });
        assertThat(repository.claimDue("replica-a", NOW.plusSeconds(4), LEASE, 10)).isEmpty();
        assertThat(repository.claimDue("replica-b", NOW.plusSeconds(5), LEASE, 10)).singleElement()
                .satisfies(op -> assertThat(op.attempts()).isEqualTo(2));
    }

    @Test
    void fail_and_cancel_end_an_operation_with_its_reason() {
        Operation failing = repository.enqueue(create(UUID.randomUUID(), NOW));
        Operation cancelled = repository.enqueue(create(UUID.randomUUID(), NOW));
        repository.claimDue("replica-a", NOW, LEASE, 1);

        assertThat(repository.fail(failing.id(), "replica-b", "not mine", NOW)).isFalse();
        assertThat(repository.fail(failing.id(), "replica-a", "Quota exceeded", NOW)).isTrue();
        assertThat(repository.cancel(cancelled.id(), "owner changed their mind", NOW)).isTrue();
        assertThat(repository.cancel(failing.id(), "too late", NOW)).isFalse();

        assertThat(repository.find(failing.id())).hasValueSatisfying(op -> {
            assertThat(op.state()).isEqualTo(OperationState.FAILED);
            assertThat(op.error()).isEqualTo("Quota exceeded");
        });
        assertThat(repository.find(cancelled.id())).map(Operation::state).contains(OperationState.CANCELLED);
        assertThat(repository.pending(failing.target())).isEmpty();
        assertThat(repository.claimDue("replica-a", NOW.plus(LEASE), LEASE, 10)).isEmpty();
    }

    @Test
    void pending_operations_of_many_targets_come_in_one_call_running_before_queued() {
        UUID running = UUID.randomUUID();
        UUID queued = UUID.randomUUID();
        UUID finished = UUID.randomUUID();
        Operation runningCreate = repository.enqueue(create(running, NOW));
        Operation finishedCreate = repository.enqueue(create(finished, NOW));
        repository.claimDue("replica-a", NOW, LEASE, 10);
        repository.complete(finishedCreate.id(), "replica-a", NOW);
        Operation next = repository.enqueue(Operation.queue(PROJECT, OperationKind.DELETE, running, "asked", NOW));
        Operation queuedCreate = repository.enqueue(create(queued, NOW.plusSeconds(1)));

        var pending = repository.pending(List.of(running, queued, finished, UUID.randomUUID()));

        assertThat(pending).containsOnlyKeys(running, queued);
        assertThat(pending.get(running).id()).isEqualTo(runningCreate.id());
        assertThat(pending.get(queued).id()).isEqualTo(queuedCreate.id());
        assertThat(repository.pending(running)).map(Operation::id).contains(runningCreate.id());
        assertThat(next.state()).isEqualTo(OperationState.QUEUED);
        assertThat(repository.pending(List.of())).isEmpty();
    }

    @Test
    void the_earliest_due_are_claimed_first_up_to_the_limit() {
        Operation late = repository.enqueue(create(UUID.randomUUID(), NOW.plusSeconds(2)));
        Operation early = repository.enqueue(create(UUID.randomUUID(), NOW));
        Operation middle = repository.enqueue(create(UUID.randomUUID(), NOW.plusSeconds(1)));

        assertThat(repository.claimDue("replica-a", NOW.plusSeconds(5), LEASE, 2)).extracting(Operation::id)
                .containsExactlyInAnyOrder(early.id(), middle.id());
        assertThat(repository.claimDue("replica-a", NOW.plusSeconds(5), LEASE, 2)).extracting(Operation::id)
                .containsExactly(late.id());
    }

    @Test
    void the_list_is_project_scoped_newest_first_and_filters_by_target_and_state() {
        UUID target = UUID.randomUUID();
        Operation first = repository.enqueue(create(target, NOW));
        Operation second = repository.enqueue(create(UUID.randomUUID(), NOW.plusSeconds(1)));
        repository.enqueue(Operation.queue("alt-demo-project-id", OperationKind.CREATE, UUID.randomUUID(), "x",
                NOW.plusSeconds(2)));

        assertThat(repository.list(new OperationQuery(PROJECT, null, null, 10))).extracting(Operation::id)
                .containsExactly(second.id(), first.id());
        assertThat(repository.list(new OperationQuery(PROJECT, target, null, 10))).extracting(Operation::id)
                .containsExactly(first.id());
        assertThat(repository.list(new OperationQuery(PROJECT, null, OperationState.RUNNING, 10))).isEmpty();
        assertThat(repository.list(new OperationQuery(PROJECT, null, null, 1))).hasSize(1);
    }

    private static Operation createIn(Location location, Instant at) {
        return Operation.queue(PROJECT, OperationKind.CREATE, UUID.randomUUID(), "declared", at, location);
    }

    @Test
    void an_operation_keeps_its_location_and_an_unnamed_one_is_in_the_default_location() {
        Operation east = repository.enqueue(createIn(EAST, NOW));
        Operation plain = repository.enqueue(create(UUID.randomUUID(), NOW));

        assertThat(repository.find(east.id())).map(Operation::location).contains(EAST);
        assertThat(repository.find(plain.id())).map(Operation::location).contains(Location.DEFAULT);
        assertThat(repository.claimDue("replica-a", NOW, LEASE, 10)).extracting(Operation::location)
                .containsExactlyInAnyOrder(EAST, Location.DEFAULT);
    }

    @Test
    void no_more_than_the_limit_of_one_location_run_at_once_whoever_claims() {
        for (int i = 0; i < 5; i++) {
            repository.enqueue(createIn(EAST, NOW.plusMillis(i)));
        }
        repository.enqueue(createIn(WEST, NOW));
        repository.enqueue(createIn(WEST, NOW.plusMillis(1)));
        repository.enqueue(createIn(WEST, NOW.plusMillis(2)));

        List<Operation> first = repository.claimDue("replica-a", NOW.plusSeconds(1), LEASE, 10, 2);
        List<Operation> second = repository.claimDue("replica-b", NOW.plusSeconds(1), LEASE, 10, 2);

        assertThat(first).extracting(Operation::location).containsExactlyInAnyOrder(EAST, EAST, WEST, WEST);
        assertThat(second).as("both locations are at their limit").isEmpty();
        repository.complete(first.stream().filter(op -> op.location().equals(EAST)).findFirst().orElseThrow().id(),
                "replica-a", NOW.plusSeconds(2));
        assertThat(repository.claimDue("replica-b", NOW.plusSeconds(2), LEASE, 10, 2))
                .extracting(Operation::location).containsExactly(EAST);
    }

    @Test
    void a_takeover_of_an_ended_lease_keeps_the_place_it_had_and_adds_none() {
        for (int i = 0; i < 4; i++) {
            repository.enqueue(createIn(EAST, NOW.plusMillis(i)));
        }
        List<Operation> first = repository.claimDue("replica-a", NOW.plusSeconds(1), LEASE, 10, 2);

        List<Operation> takenOver = repository.claimDue("replica-b", NOW.plusSeconds(1).plus(LEASE), LEASE, 10, 2);

        assertThat(takenOver).extracting(Operation::id)
                .containsExactlyInAnyOrderElementsOf(first.stream().map(Operation::id).toList());
        assertThat(first).hasSize(2);
        assertThat(repository.claimDue("replica-c", NOW.plusSeconds(1).plus(LEASE), LEASE, 10, 2)).isEmpty();
    }

    @Test
    void a_paused_location_hands_out_nothing_until_the_pause_ends_and_a_pause_only_grows() {
        Operation east = repository.enqueue(createIn(EAST, NOW));
        Operation west = repository.enqueue(createIn(WEST, NOW));

        repository.pause(EAST, NOW.plusSeconds(30), "the compute service answered 429", NOW);
        repository.pause(EAST, NOW.plusSeconds(10), "an earlier end changes nothing", NOW);

        assertThat(repository.claimDue("replica-a", NOW.plusSeconds(29), LEASE, 10, 4)).extracting(Operation::id)
                .containsExactly(west.id());
        assertThat(repository.claimDue("replica-a", NOW.plusSeconds(30), LEASE, 10, 4)).extracting(Operation::id)
                .containsExactly(east.id());
    }

    @Test
    void the_summary_counts_per_location_queued_running_recently_failed_and_the_pause() {
        repository.enqueue(createIn(EAST, NOW));
        repository.enqueue(createIn(EAST, NOW));
        Operation failing = repository.enqueue(createIn(WEST, NOW));
        Operation oldFailure = repository.enqueue(createIn(WEST, NOW.minusSeconds(7200)));
        repository.claimDue("replica-a", NOW.minusSeconds(7200), LEASE, 10, 4);
        repository.fail(oldFailure.id(), "replica-a", "long ago", NOW.minusSeconds(7200));
        List<Operation> running = repository.claimDue("replica-a", NOW, LEASE, 10, 4);
        repository.fail(failing.id(), "replica-a", "quota", NOW);
        repository.enqueue(createIn(EAST, NOW.plusSeconds(1)));
        repository.enqueue(Operation.queue("alt-demo-project-id", OperationKind.CREATE, UUID.randomUUID(), "x",
                NOW, new Location("lab-north", "RegionOne")));
        repository.pause(EAST, NOW.plusSeconds(60), "the compute service answered 503", NOW);
        repository.pause(new Location("lab-south", "RegionOne"), NOW.plusSeconds(60), "429", NOW);
        repository.pause(new Location("lab-gone", "RegionOne"), NOW.minusSeconds(1), "over", NOW.minusSeconds(9));

        List<LocationQueue> mine = repository.summary(PROJECT, NOW.plusSeconds(1), NOW.minusSeconds(3600));
        List<LocationQueue> all = repository.summary(null, NOW.plusSeconds(1), NOW.minusSeconds(3600));

        assertThat(running).hasSize(3);
        assertThat(mine).containsExactly(
                new LocationQueue(EAST, 1, 2, NOW.plusSeconds(60), "the compute service answered 503", 0),
                new LocationQueue(WEST, 0, 0, null, null, 1));
        assertThat(all).extracting(queue -> LocationQueue.nameOf(queue.location()))
                .containsExactly("lab-east/RegionOne", "lab-north/RegionOne", "lab-south/RegionOne",
                        "lab-west/RegionOne");
        assertThat(all.get(2)).isEqualTo(new LocationQueue(new Location("lab-south", "RegionOne"), 0, 0,
                NOW.plusSeconds(60), "429", 0));
    }
}
