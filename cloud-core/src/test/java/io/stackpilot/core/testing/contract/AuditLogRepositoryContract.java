package io.stackpilot.core.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.audit.AuditLogRepository;
import io.stackpilot.core.audit.AuditQuery;
import io.stackpilot.core.common.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AuditLogRepository} keeps; extend it with a factory for an empty repository. Times in
 * these tests have millisecond precision, which every store keeps exactly.
 */
public abstract class AuditLogRepositoryContract {
    protected static final Instant T0 = Instant.parse("2026-11-22T06:00:00.123Z");

    private AuditLogRepository repository;

    /** A repository with no entries. */
    protected abstract AuditLogRepository newRepository();

    @BeforeEach
    void create_an_empty_repository() {
        repository = newRepository();
    }

    @Test
    void appended_entries_are_found_newest_first() {
        AuditEntry older = entry(T0, "demo", "demo-user", 200);
        AuditEntry newer = entry(T0.plusSeconds(1), "demo", "demo-user", 201);
        repository.appendAll(List.of(older, newer));

        assertThat(repository.find(all(10)).items()).containsExactly(newer, older);
    }

    @Test
    void an_entry_reads_back_with_every_field() {
        AuditEntry full = new AuditEntry(UUID.randomUUID(), T0, "req-1", "POST", "/api/v1/servers",
                "/api/v1/servers", "limit=5", 202, 1234, "demo-user-id", "demo", "demo-project-id", "demo",
                "10.0.0.7", "stackpilot-cli/0.1", "replica-a", List.of("req-nova-1", "req-glance-2"));
        AuditEntry anonymous = new AuditEntry(UUID.randomUUID(), T0.minusSeconds(1), "req-2", "GET", null,
                "/nowhere", null, 404, 0, null, null, null, null, null, null, "replica-b", List.of());
        repository.appendAll(List.of(full, anonymous));

        assertThat(repository.find(all(10)).items()).containsExactly(full, anonymous);
    }

    @Test
    void text_reads_back_exactly_whatever_characters_it_holds() {
        AuditEntry odd = new AuditEntry(UUID.randomUUID(), T0.plusNanos(123_456_000), "req-\"q\"", "GET", "/r",
                "/p,{x}", "a=\\b&c=\"d\"", 200, 1, "NULL", "", "p", "p", "::1", "ua, with \"quotes\" \\ {}",
                "replica", List.of("req-\"1\"", "a,b", "back\\slash", "{brace}", "NULL", ""));
        repository.appendAll(List.of(odd));

        assertThat(repository.find(all(10)).items()).containsExactly(odd);
    }

    @Test
    void appending_the_same_batch_again_adds_nothing() {
        List<AuditEntry> batch = List.of(entry(T0, "demo", "u", 200), entry(T0.plusSeconds(1), "demo", "u", 200));
        repository.appendAll(batch);
        repository.appendAll(batch);
        repository.appendAll(List.of());

        assertThat(repository.find(all(10)).items()).hasSize(2);
    }

    @Test
    void entries_at_the_same_time_are_ordered_by_id_as_unsigned_bytes() {
        List<AuditEntry> sameTime = new ArrayList<>();
        for (String id : List.of("00000000-0000-0000-0000-000000000001", "7fffffff-ffff-ffff-ffff-ffffffffffff",
                "80000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-fffffffffffe",
                "ffffffff-ffff-ffff-8000-000000000000", "ffffffff-ffff-ffff-0000-000000000000")) {
            sameTime.add(withId(entry(T0, "demo", "u", 200), UUID.fromString(id)));
        }
        repository.appendAll(sameTime);

        assertThat(repository.find(all(10)).items()).extracting(e -> e.id().toString()).containsExactly(
                "ffffffff-ffff-ffff-ffff-fffffffffffe", "ffffffff-ffff-ffff-8000-000000000000",
                "ffffffff-ffff-ffff-0000-000000000000", "80000000-0000-0000-0000-000000000000",
                "7fffffff-ffff-ffff-ffff-ffffffffffff", "00000000-0000-0000-0000-000000000001");
    }

    @Test
    void since_is_inclusive_and_until_is_exclusive() {
        AuditEntry before = entry(T0.minusMillis(1), "demo", "u", 200);
        AuditEntry atSince = entry(T0, "demo", "u", 200);
        AuditEntry inside = entry(T0.plusSeconds(30), "demo", "u", 200);
        AuditEntry atUntil = entry(T0.plusSeconds(60), "demo", "u", 200);
        repository.appendAll(List.of(before, atSince, inside, atUntil));

        Page<AuditEntry> page = repository.find(new AuditQuery(T0, T0.plusSeconds(60), null, null, null, 10, null));

        assertThat(page.items()).containsExactly(inside, atSince);
    }

    @Test
    void filters_by_project_user_and_status_together() {
        AuditEntry match = entry(T0, "demo", "demo-user", 403);
        repository.appendAll(List.of(match, entry(T0, "alt-demo", "demo-user", 403),
                entry(T0, "demo", "other-user", 403), entry(T0, "demo", "demo-user", 200),
                entry(T0, null, null, 403)));

        assertThat(repository.find(new AuditQuery(null, null, "demo", null, null, 10, null)).items()).hasSize(3);
        assertThat(repository.find(new AuditQuery(null, null, null, "demo-user", null, 10, null)).items())
                .hasSize(3);
        assertThat(repository.find(new AuditQuery(null, null, null, null, 403, 10, null)).items()).hasSize(4);
        assertThat(repository.find(new AuditQuery(null, null, "demo", "demo-user", 403, 10, null)).items())
                .containsExactly(match);
    }

    @Test
    void the_marker_pages_through_every_entry_once_newest_first() {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // Pairs share a time so that paging has to break ties by id.
            entries.add(entry(T0.plus(Duration.ofSeconds(i / 2)), "demo", "u", 200));
        }
        repository.appendAll(entries);

        List<AuditEntry> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        UUID marker = null;
        do {
            Page<AuditEntry> page = repository.find(new AuditQuery(null, null, null, null, null, 10, marker));
            seen.addAll(page.items());
            pageSizes.add(page.items().size());
            marker = page.next().map(UUID::fromString).orElse(null);
        } while (marker != null);

        assertThat(pageSizes).containsExactly(10, 10, 5);
        assertThat(seen).containsExactlyElementsOf(repository.find(all(100)).items());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(entries);
    }

    @Test
    void the_marker_combines_with_filters() {
        List<AuditEntry> demo = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            demo.add(entry(T0.plusSeconds(2L * i), "demo", "u", 200));
            repository.appendAll(List.of(entry(T0.plusSeconds(2L * i + 1), "alt-demo", "u", 200)));
        }
        repository.appendAll(demo);

        Page<AuditEntry> first = repository.find(new AuditQuery(null, null, "demo", null, null, 3, null));
        Page<AuditEntry> second = repository.find(new AuditQuery(null, null, "demo", null, null, 3,
                UUID.fromString(first.nextMarker())));

        assertThat(first.items()).containsExactly(demo.get(4), demo.get(3), demo.get(2));
        assertThat(second.items()).containsExactly(demo.get(1), demo.get(0));
        assertThat(second.next()).isEmpty();
    }

    @Test
    void a_page_that_ends_exactly_at_the_last_entry_has_no_marker() {
        for (int i = 0; i < 4; i++) {
            repository.appendAll(List.of(entry(T0.plusSeconds(i), "demo", "u", 200)));
        }

        Page<AuditEntry> page = repository.find(all(4));

        assertThat(page.items()).hasSize(4);
        assertThat(page.next()).isEmpty();
    }

    @Test
    void a_marker_that_names_no_entry_yields_an_empty_page() {
        repository.appendAll(List.of(entry(T0, "demo", "u", 200)));

        Page<AuditEntry> page = repository.find(new AuditQuery(null, null, null, null, null, 10, UUID.randomUUID()));

        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    @Test
    void an_empty_log_yields_an_empty_last_page() {
        Page<AuditEntry> page = repository.find(all(10));

        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    @Test
    void delete_older_than_removes_only_entries_before_the_cutoff() {
        AuditEntry old = entry(T0.minus(Duration.ofDays(401)), "demo", "u", 200);
        AuditEntry justBefore = entry(T0.minusMillis(1), "demo", "u", 200);
        AuditEntry atCutoff = entry(T0, "demo", "u", 200);
        AuditEntry newer = entry(T0.plusSeconds(1), "demo", "u", 200);
        repository.appendAll(List.of(old, justBefore, atCutoff, newer));

        assertThat(repository.deleteOlderThan(T0, 100)).isEqualTo(2);

        assertThat(repository.find(all(10)).items()).containsExactly(newer, atCutoff);
        assertThat(repository.deleteOlderThan(T0, 100)).isZero();
    }

    @Test
    void delete_older_than_removes_at_most_the_batch_size_oldest_first() {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(entry(T0.plusSeconds(i), "demo", "u", 200));
        }
        repository.appendAll(entries);

        assertThat(repository.deleteOlderThan(T0.plusSeconds(60), 2)).isEqualTo(2);
        assertThat(repository.find(all(10)).items())
                .containsExactly(entries.get(4), entries.get(3), entries.get(2));
        assertThat(repository.deleteOlderThan(T0.plusSeconds(60), 2)).isEqualTo(2);
        assertThat(repository.deleteOlderThan(T0.plusSeconds(60), 2)).isEqualTo(1);
        assertThat(repository.find(all(10)).items()).isEmpty();
    }

    @Test
    void dropping_months_removes_only_whole_months_before_the_cutoff_and_deleting_removes_the_rest() {
        Instant cutoff = Instant.parse("2026-11-10T12:00:00Z");
        AuditEntry september = entry(Instant.parse("2026-09-15T08:00:00Z"), "demo", "u", 200);
        AuditEntry endOfOctober = entry(Instant.parse("2026-10-31T23:59:59.999Z"), "demo", "u", 200);
        AuditEntry startOfNovember = entry(Instant.parse("2026-11-01T00:00:00Z"), "demo", "u", 200);
        AuditEntry atCutoff = entry(cutoff, "demo", "u", 200);
        AuditEntry december = entry(Instant.parse("2026-12-01T00:00:00Z"), "demo", "u", 200);
        repository.prepareMonths(Instant.parse("2026-09-01T00:00:00Z"), Instant.parse("2026-12-31T00:00:00Z"));
        repository.appendAll(List.of(september, endOfOctober, startOfNovember, atCutoff, december));

        repository.dropMonthsBefore(cutoff);
        assertThat(repository.find(all(10)).items()).contains(december, atCutoff, startOfNovember);
        repository.deleteOlderThan(cutoff, 10);
        assertThat(repository.find(all(10)).items()).containsExactly(december, atCutoff);
        assertThat(repository.dropMonthsBefore(cutoff)).isZero();
    }

    @Test
    void entries_of_months_that_were_never_prepared_are_stored_too() {
        AuditEntry past = entry(Instant.parse("2019-03-04T05:06:07Z"), "demo", "u", 200);
        AuditEntry future = entry(Instant.parse("2031-07-08T09:10:11Z"), "demo", "u", 200);
        repository.appendAll(List.of(past, future));

        assertThat(repository.find(all(10)).items()).containsExactly(future, past);
    }

    /** An entry with a random id; project and user ids double as names. */
    public static AuditEntry entry(Instant at, String projectId, String userId, int status) {
        return new AuditEntry(UUID.randomUUID(), at, "req-" + UUID.randomUUID(), "GET", "/api/v1/servers",
                "/api/v1/servers", null, status, 12, userId, userId, projectId, projectId, "127.0.0.1", "test",
                "replica-1", List.of("req-upstream"));
    }

    /** {@code count} entries a millisecond apart from {@code from}, over 7 projects and 5 users (for benchmarks). */
    public static List<AuditEntry> entries(Instant from, int count) {
        List<AuditEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(entry(from.plusMillis(i), "project-" + i % 7, "user-" + i % 5, 200));
        }
        return entries;
    }

    private static AuditEntry withId(AuditEntry e, UUID id) {
        return new AuditEntry(id, e.at(), e.requestId(), e.method(), e.route(), e.path(), e.query(), e.status(),
                e.durationMs(), e.userId(), e.userName(), e.projectId(), e.projectName(), e.clientAddress(),
                e.userAgent(), e.replicaId(), e.upstreamRequestIds());
    }

    private static AuditQuery all(int limit) {
        return new AuditQuery(null, null, null, null, null, limit, null);
    }
}
