package io.stackpilot.core.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.idempotency.IdempotencyRecord;
import io.stackpilot.core.idempotency.IdempotencyRepository;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link IdempotencyRepository} keeps; extend it with a factory for an empty repository. A
 * record has expired at {@code now} when {@code expiresAt <= now}.
 */
public abstract class IdempotencyRepositoryContract {
    protected static final Instant NOW = Instant.parse("2026-11-22T06:00:00.500Z");
    protected static final Instant EXPIRES = NOW.plus(Duration.ofHours(24));

    private IdempotencyRepository repository;

    /** A repository with no records. */
    protected abstract IdempotencyRepository newRepository();

    @BeforeEach
    void create_an_empty_repository() {
        repository = newRepository();
    }

    @Test
    void the_first_claim_wins_and_stores_an_in_progress_record() {
        assertThat(repository.tryClaim("key-1", "demo", "hash-a", NOW, EXPIRES)).isTrue();

        IdempotencyRecord record = repository.find("key-1", "demo", NOW).orElseThrow();
        assertThat(record).isEqualTo(new IdempotencyRecord("key-1", "demo", "hash-a", null, null, null, NOW,
                EXPIRES));
        assertThat(record.completed()).isFalse();
    }

    @Test
    void a_second_claim_is_refused_while_the_record_has_not_expired() {
        repository.tryClaim("key-1", "demo", "hash-a", NOW, EXPIRES);

        assertThat(repository.tryClaim("key-1", "demo", "hash-b", EXPIRES.minusMillis(1), EXPIRES.plusSeconds(60)))
                .isFalse();
        assertThat(repository.find("key-1", "demo", NOW)).map(IdempotencyRecord::requestHash).contains("hash-a");
    }

    @Test
    void the_same_key_in_another_project_is_a_different_key() {
        repository.tryClaim("key-1", "demo", "hash-a", NOW, EXPIRES);

        assertThat(repository.tryClaim("key-1", "alt-demo", "hash-a", NOW, EXPIRES)).isTrue();
    }

    @Test
    void complete_stores_the_outcome() {
        repository.tryClaim("key-1", "demo", "hash-a", NOW, EXPIRES);

        repository.complete("key-1", "demo", 202, "{\"id\":\"server-1\"}", "server-1");

        assertThat(repository.find("key-1", "demo", NOW.plusSeconds(1))).contains(new IdempotencyRecord("key-1",
                "demo", "hash-a", 202, "{\"id\":\"server-1\"}", "server-1", NOW, EXPIRES));
    }

    @Test
    void complete_of_an_unknown_key_stores_nothing() {
        repository.complete("key-1", "demo", 202, "{}", null);

        assertThat(repository.find("key-1", "demo", NOW)).isEmpty();
    }

    @Test
    void release_drops_an_in_progress_claim_so_that_a_retry_may_claim_again() {
        repository.tryClaim("key-1", "demo", "hash-a", NOW, EXPIRES);

        repository.release("key-1", "demo");

        assertThat(repository.find("key-1", "demo", NOW)).isEmpty();
        assertThat(repository.tryClaim("key-1", "demo", "hash-a", NOW, EXPIRES)).isTrue();
    }

    @Test
    void release_keeps_a_completed_record() {
        repository.tryClaim("key-1", "demo", "hash-a", NOW, EXPIRES);
        repository.complete("key-1", "demo", 202, "{}", "server-1");

        repository.release("key-1", "demo");

        assertThat(repository.find("key-1", "demo", NOW)).map(IdempotencyRecord::status).contains(202);
    }

    @Test
    void an_expired_record_is_not_found_and_may_be_claimed_afresh() {
        repository.tryClaim("key-1", "demo", "hash-a", NOW, EXPIRES);
        repository.complete("key-1", "demo", 202, "{}", "server-1");

        assertThat(repository.find("key-1", "demo", EXPIRES)).isEmpty();
        assertThat(repository.tryClaim("key-1", "demo", "hash-b", EXPIRES, EXPIRES.plusSeconds(60))).isTrue();
        assertThat(repository.find("key-1", "demo", EXPIRES)).contains(new IdempotencyRecord("key-1", "demo",
                "hash-b", null, null, null, EXPIRES, EXPIRES.plusSeconds(60)));
    }

    @Test
    void delete_expired_removes_records_expired_at_now_and_counts_them() {
        repository.tryClaim("short", "demo", "hash", NOW, NOW.plusSeconds(10));
        repository.tryClaim("exact", "demo", "hash", NOW, NOW.plusSeconds(20));
        repository.tryClaim("long", "demo", "hash", NOW, NOW.plusSeconds(30));

        assertThat(repository.deleteExpired(NOW.plusSeconds(20))).isEqualTo(2);
        assertThat(repository.deleteExpired(NOW.plusSeconds(20))).isZero();
        assertThat(repository.find("long", "demo", NOW)).isPresent();
        assertThat(repository.find("exact", "demo", NOW)).isEmpty();
    }
}
