package io.stackpilot.core.testing;

import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.core.audit.AuditLogRepository;
import io.stackpilot.core.audit.AuditQuery;
import io.stackpilot.core.common.Page;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** In-memory {@link AuditLogRepository} for tests; same contract as the PostgreSQL one. Thread-safe. */
public final class InMemoryAuditLogRepository implements AuditLogRepository {
    /** Ids compare as PostgreSQL compares uuids: unsigned, byte by byte (UUID.compareTo is signed). */
    private static final Comparator<UUID> UUID_AS_BYTES = Comparator
            .comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);
    private static final Comparator<AuditEntry> NEWEST_FIRST =
            Comparator.comparing(AuditEntry::at).thenComparing(AuditEntry::id, UUID_AS_BYTES).reversed();

    private final Map<UUID, AuditEntry> entries = new LinkedHashMap<>();

    @Override
    public synchronized void appendAll(List<AuditEntry> batch) {
        for (AuditEntry entry : batch) {
            entries.putIfAbsent(entry.id(), entry);
        }
    }

    @Override
    public synchronized Page<AuditEntry> find(AuditQuery query) {
        List<AuditEntry> matching = entries.values().stream()
                .filter(e -> query.since() == null || !e.at().isBefore(query.since()))
                .filter(e -> query.until() == null || e.at().isBefore(query.until()))
                .filter(e -> query.projectId() == null || query.projectId().equals(e.projectId()))
                .filter(e -> query.userId() == null || query.userId().equals(e.userId()))
                .filter(e -> query.status() == null || query.status() == e.status())
                .sorted(NEWEST_FIRST)
                .toList();
        int start = 0;
        if (query.marker() != null) {
            AuditEntry marker = entries.get(query.marker());
            if (marker == null) {
                return Page.last(List.of());
            }
            start = (int) matching.stream().takeWhile(e -> NEWEST_FIRST.compare(e, marker) <= 0).count();
        }
        List<AuditEntry> page = new ArrayList<>(matching.subList(start, Math.min(matching.size(),
                start + query.limit())));
        boolean more = start + query.limit() < matching.size();
        return new Page<>(page, more ? page.getLast().id().toString() : null);
    }

    @Override
    public synchronized int deleteOlderThan(Instant cutoff, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
        }
        List<AuditEntry> oldest = entries.values().stream().filter(e -> e.at().isBefore(cutoff))
                .sorted(NEWEST_FIRST.reversed()).limit(maxEntries).toList();
        oldest.forEach(e -> entries.remove(e.id()));
        return oldest.size();
    }

    /** Keeps entries by month like the PostgreSQL store: removes every month (UTC) that ends at or before cutoff. */
    @Override
    public synchronized int dropMonthsBefore(Instant cutoff) {
        YearMonth cutoffMonth = YearMonth.from(cutoff.atZone(ZoneOffset.UTC));
        Instant firstKept = cutoffMonth.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<AuditEntry> dropped = entries.values().stream().filter(e -> e.at().isBefore(firstKept)).toList();
        dropped.forEach(e -> entries.remove(e.id()));
        return (int) dropped.stream().map(e -> YearMonth.from(e.at().atZone(ZoneOffset.UTC))).distinct().count();
    }

    public synchronized List<AuditEntry> all() {
        return List.copyOf(entries.values());
    }
}
