package io.stackpilot.core.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.preemption.Eviction;
import io.stackpilot.core.preemption.PreemptionReason;
import io.stackpilot.core.preemption.PreemptionRepository;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PreemptionRepository} does; run against the in-memory fake and PostgreSQL. */
public abstract class PreemptionRepositoryContract {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private PreemptionRepository repository;

    protected abstract PreemptionRepository newRepository();

    @BeforeEach
    void setUp() {
        repository = newRepository();
    }

    static Eviction eviction(String project, String victim, int secondsAfterT0, PreemptionReason reason) {
        return new Eviction(UUID.randomUUID(), victim, "name-" + victim, "m1.tiny", project, "standard-" + victim,
                "by-project", reason, T0.plusSeconds(secondsAfterT0), new Location("lab", "RegionOne"),
                UUID.randomUUID());
    }

    @Test
    void lists_a_projects_evictions_newest_first_with_every_field() {
        Eviction older = eviction("p1", "v1", 0, PreemptionReason.QUOTA);
        Eviction newer = eviction("p1", "v2", 10, PreemptionReason.CAPACITY);
        repository.record(older);
        repository.record(newer);
        repository.record(eviction("p2", "v3", 20, PreemptionReason.QUOTA));

        assertThat(repository.listForProject("p1", 10)).containsExactly(newer, older);
        assertThat(repository.listForProject("p1", 1)).containsExactly(newer);
        assertThat(repository.listForProject("nobody", 10)).isEmpty();
    }

    @Test
    void recording_the_same_eviction_twice_stores_it_once() {
        Eviction once = eviction("p1", "v1", 0, PreemptionReason.QUOTA);
        repository.record(once);
        repository.record(once);

        assertThat(repository.listForProject("p1", 10)).containsExactly(once);
    }
}
