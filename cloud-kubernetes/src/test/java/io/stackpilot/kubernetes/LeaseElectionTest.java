package io.stackpilot.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The election's rounds driven by hand on one in-memory Lease (compare-and-set on a resourceVersion, as the API
 * server does) and a hand-moved monotonic clock: 15 s lease, 10 s renew deadline, 3 s rounds. A replica that is
 * "killed" simply gets no more rounds.
 */
class LeaseElectionTest {
    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final Duration ROUND = Duration.ofSeconds(3);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T01:00:00Z"), ZoneOffset.UTC);
    private final MemoryLease lease = new MemoryLease();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<LeaseElection> elections = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        elections.forEach(LeaseElection::close);
    }

    @Test
    void the_first_replica_leads_and_the_second_waits_while_it_renews() {
        LeaseElection a = replica("a");
        LeaseElection b = replica("b");

        assertThat(a.round()).isTrue();
        for (int i = 0; i < 20; i++) {
            advance(ROUND);
            assertThat(a.round()).as("a renews").isTrue();
            assertThat(b.round()).as("b waits").isFalse();
        }
        assertThat(lease.current.holder()).isEqualTo("a");
        assertThat(lease.current.leaseTransitions()).isZero();
        awaitCalls("a:start");
    }

    @Test
    void a_dead_leaders_lease_is_taken_over_within_the_lease_duration_after_its_last_renewal() {
        LeaseElection a = replica("a");
        LeaseElection b = replica("b");
        a.round();
        advance(ROUND);
        a.round();
        b.round();
        // a is SIGKILLed here: no more rounds, no release.
        Duration waited = Duration.ZERO;
        while (!b.round()) {
            advance(ROUND);
            waited = waited.plus(ROUND);
            assertThat(waited).as("taken over within the lease duration plus a round").isLessThanOrEqualTo(
                    LEASE.plus(ROUND));
        }
        assertThat(waited).as("not before the lease expired").isGreaterThanOrEqualTo(LEASE.minus(ROUND));
        assertThat(lease.current.holder()).isEqualTo("b");
        assertThat(lease.current.leaseTransitions()).isEqualTo(1);
        awaitCalls("a:start", "b:start");
    }

    @Test
    void a_lease_left_by_another_identity_without_renew_time_or_duration_is_taken_over() {
        // fabric8 7.5.2's LeaderElector threw a NullPointerException on such a Lease and left the election for good.
        lease.current = new LeaseStore.Record("ghost-replica", null, null, null, 3, "7");
        LeaseElection b = replica("b");

        assertThat(b.round()).as("within our own lease duration of observing it unchanged").isFalse();
        advance(LEASE.minus(ROUND));
        assertThat(b.round()).isFalse();
        advance(ROUND.plusSeconds(1));
        assertThat(b.round()).isTrue();
        assertThat(lease.current.holder()).isEqualTo("b");
        assertThat(lease.current.leaseTransitions()).isEqualTo(4);
    }

    @Test
    void a_released_lease_is_taken_at_the_next_round() {
        LeaseElection a = replica("a");
        LeaseElection b = replica("b");
        a.round();
        b.round();

        a.close();

        assertThat(lease.current.held()).isFalse();
        assertThat(b.round()).isTrue();
        awaitCalls("a:start", "a:stop", "b:start");
    }

    @Test
    void a_leader_of_a_lease_of_its_own_deletes_it_when_it_closes_and_the_next_replica_creates_it_again() {
        LeaseElection a = deletingReplica("a");
        LeaseElection b = deletingReplica("b");
        a.round();
        b.round();

        b.close();
        assertThat(lease.current.holder()).as("a follower leaves the Lease alone").isEqualTo("a");
        a.close();

        assertThat(lease.current).as("deleted by its leader").isNull();
        LeaseElection c = deletingReplica("c");
        assertThat(c.round()).isTrue();
        assertThat(lease.current.holder()).isEqualTo("c");
        awaitCalls("a:start", "a:stop", "c:start");
    }

    @Test
    void a_closing_leader_never_deletes_a_lease_that_another_replica_wrote_meanwhile() {
        LeaseElection a = deletingReplica("a");
        a.round();
        // Another replica took the Lease over (a was paused): it is no longer a's to delete.
        lease.current = new LeaseStore.Record("b", 15, null, null, 1, "99");

        a.close();

        assertThat(lease.current.holder()).isEqualTo("b");
    }

    @Test
    void a_leader_that_cannot_renew_stops_leading_at_the_renew_deadline_before_others_may_take_over() {
        LeaseElection a = replica("a");
        LeaseElection b = replica("b");
        a.round();
        b.round();

        lease.failing = true;
        for (int i = 0; i < 3; i++) {
            advance(ROUND);
            assertThat(a.round()).as("still within the renew deadline").isTrue();
        }
        advance(ROUND.plusSeconds(2));
        assertThat(a.round()).as("11 s without renewal").isFalse();
        assertThat(a.leading()).isFalse();
        awaitCalls("a:start", "a:stop");

        lease.failing = false;
        advance(LEASE);
        assertThat(b.round()).isTrue();
        assertThat(a.round()).as("the old leader sees b's Lease and waits").isFalse();
    }

    @Test
    void a_leader_whose_lease_was_taken_stops_leading_and_can_lead_again_later() {
        LeaseElection a = replica("a");
        LeaseElection b = replica("b");
        a.round();
        b.round();
        // a paused longer than the lease (a long GC, a frozen VM): b took over meanwhile.
        advance(LEASE.plus(ROUND));
        assertThat(b.round()).isTrue();

        assertThat(a.round()).isFalse();
        assertThat(a.leading()).isFalse();
        awaitCalls("a:start", "b:start", "a:stop");

        b.close();
        assertThat(a.round()).as("the election goes on after losing").isTrue();
    }

    @Test
    void only_one_of_two_replicas_racing_for_a_free_lease_wins() {
        LeaseElection a = replica("a");
        LeaseElection b = replica("b");
        lease.current = new LeaseStore.Record(null, 1, null, null, 0, "1");
        lease.beforeWrite = () -> {
            lease.beforeWrite = null;
            assertThat(b.round()).as("b writes first").isTrue();
        };

        assertThat(a.round()).as("a's write conflicts").isFalse();

        assertThat(lease.current.holder()).isEqualTo("b");
        assertThat(a.leading()).isFalse();
    }

    @Test
    void a_start_callback_that_throws_neither_ends_the_rounds_nor_the_leadership() {
        LeaseElection a = new LeaseElection(lease, "a", LEASE, Duration.ofSeconds(10), ROUND, nanos::get, clock,
                () -> {
                    calls.add("a:start");
                    throw new IllegalStateException("informer failed");
                }, () -> calls.add("a:stop"));
        elections.add(a);

        assertThat(a.round()).isTrue();
        awaitCalls("a:start");
        advance(ROUND);
        assertThat(a.round()).isTrue();
    }

    @Test
    void the_rounds_run_by_themselves_and_survive_a_failing_read() throws InterruptedException {
        lease.failing = true;
        LeaseElection a = new LeaseElection(lease, "a", Duration.ofMillis(1500), Duration.ofMillis(1000),
                Duration.ofMillis(100), System::nanoTime, clock, () -> calls.add("a:start"), () -> calls.add("a:stop"));
        elections.add(a);
        a.start();
        Thread.sleep(350);
        lease.failing = false;

        awaitCalls("a:start");
        assertThat(a.leading()).isTrue();
    }

    private LeaseElection replica(String identity) {
        LeaseElection election = new LeaseElection(lease, identity, LEASE, Duration.ofSeconds(10), ROUND, nanos::get,
                clock, () -> calls.add(identity + ":start"), () -> calls.add(identity + ":stop"));
        elections.add(election);
        return election;
    }

    private LeaseElection deletingReplica(String identity) {
        LeaseElection election = new LeaseElection(lease, identity, LEASE, Duration.ofSeconds(10), ROUND, nanos::get,
                clock, () -> calls.add(identity + ":start"), () -> calls.add(identity + ":stop"), true);
        elections.add(election);
        return election;
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /**
     * The callbacks run on a thread of each replica: wait (up to 5 s) until exactly these have run (one replica's in
     * order; two replicas' threads interleave freely).
     */
    private void awaitCalls(String... expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (calls.size() < expected.length && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(calls).containsExactlyInAnyOrder(expected);
        for (String replica : List.of("a", "b")) {
            assertThat(calls.stream().filter(call -> call.startsWith(replica + ":")).toList())
                    .isEqualTo(java.util.Arrays.stream(expected).filter(call -> call.startsWith(replica + ":"))
                            .toList());
        }
    }

    /** One Lease as the API server keeps it: every write bumps the resourceVersion; a stale one is a conflict. */
    static final class MemoryLease implements LeaseStore {
        volatile LeaseStore.Record current;
        volatile boolean failing;
        volatile Runnable beforeWrite;
        private long version = 10;

        @Override
        public Optional<Record> read() {
            if (failing) {
                throw new IllegalStateException("API server unreachable");
            }
            return Optional.ofNullable(current);
        }

        @Override
        public boolean create(Record lease) {
            return write(lease, null);
        }

        @Override
        public boolean replace(Record lease, String resourceVersion) {
            return write(lease, resourceVersion);
        }

        @Override
        public synchronized boolean delete(String resourceVersion) {
            if (failing) {
                throw new IllegalStateException("API server unreachable");
            }
            if (current == null || !current.resourceVersion().equals(resourceVersion)) {
                return false;
            }
            current = null;
            return true;
        }

        private boolean write(Record lease, String expected) {
            if (failing) {
                throw new IllegalStateException("API server unreachable");
            }
            Runnable hook = beforeWrite;
            if (hook != null) {
                hook.run();
            }
            synchronized (this) {
                String now = current == null ? null : current.resourceVersion();
                if (!java.util.Objects.equals(now, expected)) {
                    return false;
                }
                current = new Record(lease.holder(), lease.leaseDurationSeconds(), lease.acquireTime(),
                        lease.renewTime(), lease.leaseTransitions(), String.valueOf(++version));
                return true;
            }
        }
    }
}
