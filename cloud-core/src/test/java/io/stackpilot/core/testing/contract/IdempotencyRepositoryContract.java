package io.stackpilot.core.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.idempotency.IdempotencyRecord;
import io.stackpilot.core.idempotency.IdempotencyRepository;
import io.stackpilot.core.idempotency.IdempotencyRepository.Claim;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link IdempotencyRepository} keeps; extend it with a factory for an empty repository. A
 * record has expired at {@code now} when {@code expiresAt <= now}, its claim when {@code claimExpiresAt <= now}.
 */
public abstract class IdempotencyRepositoryContract {
    protected static final Instant NOW = Instant.parse("2026-11-22T06:00:00.500Z");
    protected static final Instant CLAIM = NOW.plus(Duration.ofMinutes(2));
    protected static final Instant EXPIRES = NOW.plus(Duration.ofHours(24));

    private IdempotencyRepository repository;

    /** A repository with no records. */
    protected abstract IdempotencyRepository newRepository();

    @BeforeEach
    void create_an_empty_repository() {
        repository = newRepository();
    }

    private Claim claim(String key, String hash, Instant now) {
        return repository.tryClaim(key, "demo", hash, now, now.plus(Duration.ofMinutes(2)), now.plus(Duration.ofHours(24)));
    }

    @Test
    void the_first_claim_wins_and_stores_an_in_progress_record() {
        assertThat(claim("key-1", "hash-a", NOW)).isEqualTo(Claim.NEW);

        IdempotencyRecord record = repository.find("key-1", "demo", NOW).orElseThrow();
        assertThat(record).isEqualTo(new IdempotencyRecord("key-1", "demo", "hash-a", null, NOW, CLAIM, EXPIRES));
        assertThat(record.completed()).isFalse();
    }

    @Test
    void a_second_claim_is_held_off_while_the_first_claim_runs() {
        claim("key-1", "hash-a", NOW);

        assertThat(claim("key-1", "hash-a", CLAIM.minusMillis(1))).isEqualTo(Claim.HELD);
        assertThat(repository.find("key-1", "demo", NOW)).map(IdempotencyRecord::claimExpiresAt).contains(CLAIM);
    }

    @Test
    void an_expired_claim_of_the_same_request_is_taken_over_once_and_keeps_the_keys_lifetime() {
        claim("key-1", "hash-a", NOW);

        assertThat(claim("key-1", "hash-a", CLAIM)).isEqualTo(Claim.TAKEN_OVER);
        assertThat(claim("key-1", "hash-a", CLAIM)).isEqualTo(Claim.HELD);
        assertThat(repository.find("key-1", "demo", CLAIM)).contains(new IdempotencyRecord("key-1", "demo",
                "hash-a", null, NOW, CLAIM.plus(Duration.ofMinutes(2)), EXPIRES));
    }

    @Test
    void an_expired_claim_is_not_taken_over_by_another_request_nor_once_completed() {
        claim("key-1", "hash-a", NOW);
        claim("key-2", "hash-a", NOW);
        repository.complete("key-2", "demo", "server-2");

        assertThat(claim("key-1", "hash-b", CLAIM)).isEqualTo(Claim.HELD);
        assertThat(claim("key-2", "hash-a", CLAIM)).isEqualTo(Claim.HELD);
        assertThat(repository.find("key-2", "demo", CLAIM)).map(IdempotencyRecord::serverId).contains("server-2");
    }

    @Test
    void the_same_key_in_another_project_is_a_different_key() {
        claim("key-1", "hash-a", NOW);

        assertThat(repository.tryClaim("key-1", "alt-demo", "hash-a", NOW, CLAIM, EXPIRES)).isEqualTo(Claim.NEW);
    }

    @Test
    void complete_stores_the_created_server() {
        claim("key-1", "hash-a", NOW);

        repository.complete("key-1", "demo", "server-1");

        assertThat(repository.find("key-1", "demo", NOW.plusSeconds(1))).contains(new IdempotencyRecord("key-1",
                "demo", "hash-a", "server-1", NOW, CLAIM, EXPIRES));
    }

    @Test
    void complete_of_an_unknown_key_stores_nothing() {
        repository.complete("key-1", "demo", "server-1");

        assertThat(repository.find("key-1", "demo", NOW)).isEmpty();
    }

    @Test
    void release_drops_an_in_progress_claim_so_that_a_retry_may_claim_again() {
        claim("key-1", "hash-a", NOW);

        repository.release("key-1", "demo");

        assertThat(repository.find("key-1", "demo", NOW)).isEmpty();
        assertThat(claim("key-1", "hash-a", NOW)).isEqualTo(Claim.NEW);
    }

    @Test
    void release_keeps_a_completed_record() {
        claim("key-1", "hash-a", NOW);
        repository.complete("key-1", "demo", "server-1");

        repository.release("key-1", "demo");

        assertThat(repository.find("key-1", "demo", NOW)).map(IdempotencyRecord::serverId).contains("server-1");
    }

    @Test
    void an_expired_record_is_not_found_and_may_be_claimed_afresh() {
        claim("key-1", "hash-a", NOW);
        repository.complete("key-1", "demo", "server-1");

        assertThat(repository.find("key-1", "demo", EXPIRES)).isEmpty();
        assertThat(repository.tryClaim("key-1", "demo", "hash-b", EXPIRES, EXPIRES.plusSeconds(30),
                EXPIRES.plusSeconds(60))).isEqualTo(Claim.NEW);
        assertThat(repository.find("key-1", "demo", EXPIRES)).contains(new IdempotencyRecord("key-1", "demo",
                "hash-b", null, EXPIRES, EXPIRES.plusSeconds(30), EXPIRES.plusSeconds(60)));
    }

    @Test
    void delete_expired_removes_records_expired_at_now_in_bounded_batches() {
        repository.tryClaim("short", "demo", "hash", NOW, NOW.plusSeconds(1), NOW.plusSeconds(10));
        repository.tryClaim("exact", "demo", "hash", NOW, NOW.plusSeconds(1), NOW.plusSeconds(20));
        repository.tryClaim("other", "alt-demo", "hash", NOW, NOW.plusSeconds(1), NOW.plusSeconds(15));
        repository.tryClaim("long", "demo", "hash", NOW, NOW.plusSeconds(1), NOW.plusSeconds(30));

        assertThat(repository.deleteExpired(NOW.plusSeconds(20), 2)).isEqualTo(2);
        assertThat(repository.deleteExpired(NOW.plusSeconds(20), 2)).isEqualTo(1);
        assertThat(repository.deleteExpired(NOW.plusSeconds(20), 2)).isZero();
        assertThat(repository.find("long", "demo", NOW)).isPresent();
        assertThat(repository.find("exact", "demo", NOW)).isEmpty();
        assertThat(repository.find("other", "alt-demo", NOW)).isEmpty();
    }
}
