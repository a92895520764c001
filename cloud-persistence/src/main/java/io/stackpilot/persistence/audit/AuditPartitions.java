package io.stackpilot.persistence.audit;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The partitions of {@code api_request} (changeset 0009): {@code api_request_YYYY_MM} holds one month (UTC),
 * {@code api_request_before_YYYY_MM} every time before that month (the table as it was before partitioning), and
 * {@code api_request_default} whatever no other partition takes. A partition's name is its range, so no bound is
 * ever parsed back from the catalog. Every change runs in one transaction under a transaction advisory lock, so
 * replicas that prepare or drop at once take turns and the second finds the work done; a short lock timeout keeps
 * the brief table locks these changes need (inserts queue behind them) from waiting long: a change that times out
 * is retried at the next run. Thread-safe.
 */
final class AuditPartitions {
    /** The advisory lock key: "STKPAUDP" in ASCII. */
    static final long LOCK_KEY = 0x53544B5041554450L;
    private static final Pattern MONTH = Pattern.compile("api_request_(before_)?(\\d{4})_(\\d{2})");

    private final Jdbi jdbi;

    AuditPartitions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The month (UTC) an instant falls in. */
    static YearMonth monthOf(Instant instant) {
        return YearMonth.from(instant.atZone(ZoneOffset.UTC));
    }

    static Instant startOf(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    static String nameOf(YearMonth month) {
        return String.format("api_request_%04d_%02d", month.getYear(), month.getMonthValue());
    }

    /**
     * Creates the partitions of the months {@code first} to {@code last} (both included) that no partition covers
     * yet; rows of such a month that went to the default partition move into the new one. Returns how many it made.
     */
    int create(YearMonth first, YearMonth last) {
        return jdbi.inTransaction(handle -> {
            lock(handle);
            List<Partition> existing = list(handle);
            int created = 0;
            for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
                YearMonth candidate = month;
                if (existing.stream().noneMatch(partition -> partition.covers(candidate))) {
                    create(handle, month);
                    created++;
                }
            }
            return created;
        });
    }

    /** Drops the partitions whose every time is before {@code cutoff}; returns how many. */
    int dropBefore(Instant cutoff) {
        return jdbi.inTransaction(handle -> {
            lock(handle);
            int dropped = 0;
            for (Partition partition : list(handle)) {
                if (!partition.end().isAfter(cutoff)) {
                    // The name is one of ours (MONTH), not input, and DDL cannot bind identifiers.
                    handle.execute("DROP TABLE " + partition.name());
                    dropped++;
                }
            }
            return dropped;
        });
    }

    private static void lock(Handle handle) {
        handle.execute("SET LOCAL lock_timeout = '5s'");
        handle.createQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(:key)) AS locked")
                .bind("key", LOCK_KEY).mapTo(Long.class).one();
    }

    /**
     * A new table, attached. Rows of the month that went to the default partition move into it first (PostgreSQL
     * refuses the attach otherwise). Inserts into {@code api_request} wait meanwhile (milliseconds: the table is
     * new and the default partition small; readers do not wait): an insert that chose its partition before the
     * attach would otherwise put a row into the default partition that no longer takes it, and fail. Months are
     * normally created two months ahead, when nothing is written to them yet.
     */
    private static void create(Handle handle, YearMonth month) {
        String name = nameOf(month);
        Instant from = startOf(month);
        Instant to = startOf(month.plusMonths(1));
        handle.execute("LOCK TABLE ONLY api_request IN SHARE ROW EXCLUSIVE MODE");
        // The name is ours (nameOf) and the bounds are instants we made; DDL cannot bind either.
        handle.execute("CREATE TABLE " + name + " (LIKE api_request INCLUDING DEFAULTS INCLUDING CONSTRAINTS,"
                + " CHECK (at >= '" + from + "' AND at < '" + to + "'))");
        handle.createUpdate("WITH moved AS (DELETE FROM api_request_default WHERE at >= :from AND at < :to"
                        + " RETURNING *) INSERT INTO " + name + " SELECT * FROM moved")
                .bind("from", from).bind("to", to).execute();
        handle.execute("ALTER TABLE api_request ATTACH PARTITION " + name
                + " FOR VALUES FROM ('" + from + "') TO ('" + to + "')");
    }

    private static List<Partition> list(Handle handle) {
        List<String> names = handle.createQuery("""
                        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = 'api_request'::regclass""")
                .mapTo(String.class).list();
        List<Partition> partitions = new ArrayList<>();
        for (String name : names) {
            Partition.of(name).ifPresent(partitions::add);
        }
        return partitions;
    }

    /** A partition of ours with a range: one month, or every time before a month. */
    record Partition(String name, boolean before, YearMonth month) {
        static Optional<Partition> of(String name) {
            Matcher matcher = MONTH.matcher(name);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            YearMonth month = YearMonth.of(Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)));
            return Optional.of(new Partition(name, matcher.group(1) != null, month));
        }

        boolean covers(YearMonth other) {
            return before ? other.isBefore(month) : other.equals(month);
        }

        /** The first instant after its range. */
        Instant end() {
            return startOf(before ? month : month.plusMonths(1));
        }
    }
}
