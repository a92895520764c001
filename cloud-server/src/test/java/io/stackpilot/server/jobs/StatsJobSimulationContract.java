package io.stackpilot.server.jobs;

import static io.stackpilot.core.testing.TestData.ADMIN_PROJECT;
import static io.stackpilot.core.testing.TestData.ALT_DEMO;
import static io.stackpilot.core.testing.TestData.DEMO;
import static io.stackpilot.core.testing.TestData.PARTNER_A;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.audit.AuditRetention;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.lease.Lease;
import io.stackpilot.core.lease.LeaseRepository;
import io.stackpilot.core.stats.AllowedProjects;
import io.stackpilot.core.stats.SampleSource;
import io.stackpilot.core.stats.StatsBuckets;
import io.stackpilot.core.stats.StatsSample;
import io.stackpilot.core.stats.StatsSampleRepository;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.InMemoryAuditLogRepository;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6's headline: three replicas' stats jobs sharing one sample store, one lease store and one cloud, driven
 * by one controlled clock over 48 simulated hours, give exactly 48 live samples per project and for the total, with
 * the cloud asked once per bucket, also when the lease holder dies without releasing the lease. The replicas tick
 * when their own {@link StatsJob#tick()} said (a discrete-event simulation of the scheduling loop).
 *
 * <p>Subclasses supply the stores: {@code InMemoryStatsJobSimulationTest} the in-memory fakes; a PostgreSQL
 * {@code *IT} supplies the JDBI repositories on a fresh database, so the same body proves the real store.
 */
public abstract class StatsJobSimulationContract {
    /** The stores all replicas share; fresh and empty for each test. */
    protected record SharedStores(StatsSampleRepository samples, LeaseRepository leases) {
    }

    private static final Instant START = Instant.parse("2026-11-20T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(48));
    private static final List<ProjectRef> ALLOWED = List.of(DEMO, ALT_DEMO, PARTNER_A);
    private static final int POOL = 5;

    private MutableClock clock;
    private FakeCloud cloud;
    private CountingStatsSampleRepository samples;
    private LeaseRepository leases;
    private final Map<String, List<Server>> pools = new LinkedHashMap<>();

    /** Fresh, empty stores for one simulation; the lease store judges expiry by {@code storeClock}. */
    protected abstract SharedStores newStores(Clock storeClock);

    /** The ACTIVE servers of the i-th allowed project from hh:20 of the hour before to hh:20 of the hour. */
    private static int expected(int projectIndex, long hour) {
        return (int) ((hour * 7 + projectIndex * 3L) % (POOL + 1));
    }

    @BeforeEach
    void a_cloud_whose_server_counts_change_every_hour() {
        clock = new MutableClock(START);
        cloud = FakeCloud.withLabContent(clock);
        SharedStores stores = newStores(clock);
        samples = new CountingStatsSampleRepository(stores.samples());
        leases = stores.leases();
        for (ProjectRef project : ALLOWED) {
            List<Server> pool = new ArrayList<>();
            for (int i = 0; i < POOL; i++) {
                pool.add(cloud.putServer(TestData.server("sta-" + project.name() + "-" + i, project,
                        ServerStatus.SHUTOFF, START.minus(Duration.ofDays(1)))));
            }
            pools.put(project.id(), pool);
        }
        // Servers of a project outside the allowlist must never be counted.
        cloud.putServer(TestData.server("sta-admin-1", ADMIN_PROJECT, ServerStatus.ACTIVE, START));
        setCounts(0);
    }

    private void setCounts(long hour) {
        for (int p = 0; p < ALLOWED.size(); p++) {
            List<Server> pool = pools.get(ALLOWED.get(p).id());
            for (int i = 0; i < POOL; i++) {
                cloud.setStatus(pool.get(i).id(), i < expected(p, hour) ? ServerStatus.ACTIVE : ServerStatus.SHUTOFF);
            }
        }
    }

    private final class Replica {
        final StatsJob job;
        Instant due;
        boolean alive = true;

        Replica(String id, Instant firstTick) {
            job = StatsJob.create(cloud, () -> TestData.session(TestData.admin()),
                    AllowedProjects.of(cloud, project -> !project.id().equals(ADMIN_PROJECT.id())), samples, leases,
                    StatsBuckets.hourly(), Duration.ofDays(90),
                new InMemoryAuditLogRepository(), AuditRetention.DEFAULT_RETENTION, id, clock);
            due = firstTick;
        }
    }

    /** What the run saw of the lease: who held it when, and the death of a holder. */
    private record Observed(List<String> holders, Lease deadLease, Instant takeoverAt) {
    }

    /** Runs the 48 hours; kills the lease holder (it stops ticking, keeps its lease) at {@code killAt} if not null. */
    private Observed simulate(Instant killAt) {
        List<Replica> replicas = List.of(new Replica("replica-a", START), new Replica("replica-b",
                START.plusSeconds(7)), new Replica("replica-c", START.plusSeconds(13)));
        Instant nextChange = START.plus(Duration.ofMinutes(20));
        long changesDone = 0;
        List<String> holders = new ArrayList<>();
        Lease deadLease = null;
        Instant takeoverAt = null;
        while (true) {
            Replica next = replicas.stream().filter(r -> r.alive).min(Comparator.comparing(r -> r.due)).orElseThrow();
            if (!next.due.isBefore(END)) {
                return new Observed(holders, deadLease, takeoverAt);
            }
            while (!nextChange.isAfter(next.due)) {
                clock.set(nextChange);
                setCounts(++changesDone);
                nextChange = nextChange.plus(Duration.ofHours(1));
            }
            if (killAt != null && deadLease == null && !next.due.isBefore(killAt)) {
                deadLease = leases.find(StatsJob.LEASE_NAME).orElseThrow();
                String dead = deadLease.holder();
                replicas.stream().filter(r -> r.job.replicaId().equals(dead)).forEach(r -> r.alive = false);
                continue;
            }
            clock.set(next.due);
            next.due = clock.instant().plus(next.job.tick());
            // Only the replica that just ticked can have taken or kept the lease: its state says whether it holds it
            // (the store is not read again, so that the run on real PostgreSQL costs the production queries only).
            String holder = next.job.state() == StatsJob.State.LEADER ? next.job.replicaId() : null;
            if (holder != null && (holders.isEmpty() || !holders.getLast().equals(holder))) {
                holders.add(holder);
                if (deadLease != null && takeoverAt == null) {
                    takeoverAt = clock.instant();
                }
            }
        }
    }

    private void assertExactly48LiveSamplesPerProjectWithTheRightCounts() {
        List<Instant> hours = StatsBuckets.hourly().between(START, END);
        assertThat(hours).hasSize(48);
        for (int p = 0; p < ALLOWED.size(); p++) {
            int index = p;
            List<StatsSample> found = samples.find(ALLOWED.get(p).id(), START, END);
            assertThat(found).extracting(StatsSample::bucket).containsExactlyElementsOf(hours);
            assertThat(found).allSatisfy(s -> assertThat(s.source()).isEqualTo(SampleSource.LIVE));
            assertThat(found).extracting(StatsSample::running).containsExactlyElementsOf(hours.stream()
                    .map(h -> expected(index, Duration.between(START, h).toHours())).toList());
        }
        List<StatsSample> totals = samples.find(StatsSample.TOTAL, START, END);
        assertThat(totals).extracting(StatsSample::bucket).containsExactlyElementsOf(hours);
        assertThat(totals).extracting(StatsSample::running).containsExactlyElementsOf(hours.stream()
                .map(h -> Duration.between(START, h).toHours())
                .map(hour -> expected(0, hour) + expected(1, hour) + expected(2, hour)).toList());
        assertThat(samples.find(ADMIN_PROJECT.id(), START.minus(Duration.ofDays(40)), END)).isEmpty();
        assertThat(cloud.calls("listServers")).as("one server list per bucket across the replicas").isEqualTo(48);
        assertThat(samples.liveOffered()).as("no bucket collected twice").isEqualTo(samples.liveStored())
                .isEqualTo(48 * (ALLOWED.size() + 1));
        assertThat(cloud.calls("usage")).as("only the first holder's history backfill").isEqualTo(1);
    }

    @Test
    void three_replicas_over_48_hours_give_48_live_samples_per_project_collected_once_each() {
        Observed observed = simulate(null);

        assertExactly48LiveSamplesPerProjectWithTheRightCounts();
        assertThat(observed.holders()).as("the first holder keeps the lease").containsExactly("replica-a");
    }

    @Test
    void a_holder_dying_just_before_a_bucket_boundary_is_replaced_after_the_ttl_inside_that_bucket() {
        Observed observed = simulate(START.plus(Duration.ofHours(24)).minusSeconds(10));

        assertExactly48LiveSamplesPerProjectWithTheRightCounts();
        assertTakeoverAfterTheTtl(observed);
    }

    @Test
    void a_holder_dying_mid_interval_after_collecting_is_replaced_after_the_ttl() {
        Observed observed = simulate(START.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(10)));

        assertExactly48LiveSamplesPerProjectWithTheRightCounts();
        assertTakeoverAfterTheTtl(observed);
    }

    private void assertTakeoverAfterTheTtl(Observed observed) {
        StatsJobTiming timing = StatsJobTiming.forInterval(Duration.ofHours(1));
        assertThat(observed.holders()).hasSize(2);
        assertThat(observed.holders().getFirst()).isEqualTo(observed.deadLease().holder());
        assertThat(observed.takeoverAt()).isAfterOrEqualTo(observed.deadLease().expiresAt())
                .isBeforeOrEqualTo(observed.deadLease().expiresAt().plus(timing.tick()));
    }
}
