package io.stackpilot.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditIdsTest {
    private static final Instant AT = Instant.parse("2026-12-02T01:02:03.456789Z");

    @Test
    void an_id_is_a_version_7_uuid_carrying_the_rows_millisecond() {
        UUID id = AuditIds.timeOrdered(AT);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(AT.toEpochMilli());
    }

    @Test
    void ids_of_later_milliseconds_sort_after_earlier_ones_as_postgresql_compares_them() {
        // PostgreSQL orders uuids byte by byte, unsigned: the order of their lower-case hex text.
        String earlier = AuditIds.timeOrdered(AT).toString();
        String later = AuditIds.timeOrdered(AT.plusMillis(1)).toString();
        String muchLater = AuditIds.timeOrdered(Instant.parse("2100-01-01T00:00:00Z")).toString();

        assertThat(earlier).isLessThan(later);
        assertThat(later).isLessThan(muchLater);
    }

    @Test
    void ids_of_one_millisecond_differ() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            ids.add(AuditIds.timeOrdered(AT));
        }

        assertThat(ids).hasSize(200_000);
    }
}
