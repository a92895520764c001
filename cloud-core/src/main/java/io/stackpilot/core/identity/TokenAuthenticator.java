package io.stackpilot.core.identity;

import io.stackpilot.core.error.UnauthenticatedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Validates callers' tokens through the identity service and caches the answers by the SHA-256 of the token (the
 * token itself is never kept) for min(ttl, time until the token expires), measured with the injected clock.
 * Concurrent first requests for one token share one validation. Rejections (the identity service said the token is
 * not valid) are remembered, also by hash only, for a short {@code rejectionTtl}: each validation costs a call with
 * the service's own token, so a client repeating a bad token must not cost one call per request; the time is short
 * because a rejection is final for Keystone tokens anyway and the entry only saves calls. Upstream failures are never
 * remembered. Each cache holds at most {@code maxEntries}; when full, expired entries go first, then arbitrary ones.
 * Thread-safe.
 */
public final class TokenAuthenticator {
    private record Entry(CompletableFuture<Principal> principal, Instant cachedUntil) {
    }

    /** How long a rejection is remembered unless configured otherwise. */
    public static final Duration DEFAULT_REJECTION_TTL = Duration.ofSeconds(10);

    private final IdentityGateway identity;
    private final Clock clock;
    private final Duration ttl;
    private final Duration rejectionTtl;
    private final int maxEntries;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final Map<String, Instant> rejected = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public TokenAuthenticator(IdentityGateway identity, Clock clock, Duration ttl, int maxEntries) {
        this(identity, clock, ttl, DEFAULT_REJECTION_TTL, maxEntries);
    }

    public TokenAuthenticator(IdentityGateway identity, Clock clock, Duration ttl, Duration rejectionTtl,
                              int maxEntries) {
        if (ttl.isNegative() || rejectionTtl.isNegative() || maxEntries < 1) {
            throw new IllegalArgumentException("ttls must not be negative and maxEntries must be at least 1");
        }
        this.identity = identity;
        this.clock = clock;
        this.ttl = ttl;
        this.rejectionTtl = rejectionTtl;
        this.maxEntries = maxEntries;
    }

    /**
     * Whom the token identifies. Any token a cached answer says is expired is validated again.
     *
     * @throws UnauthenticatedException when the token is missing, invalid, revoked or expired
     * @throws io.stackpilot.core.error.UpstreamException when the identity service cannot answer
     */
    public Principal authenticate(String token) {
        if (token == null || token.isBlank()) {
            throw new UnauthenticatedException("no token given: send X-Auth-Token or Authorization: Bearer");
        }
        String key = sha256(token);
        Instant now = clock.instant();
        Instant rejectedUntil = rejected.get(key);
        if (rejectedUntil != null && rejectedUntil.isAfter(now)) {
            hits.incrementAndGet();
            throw new UnauthenticatedException("the token is not valid (rejected by the identity service)");
        }
        CompletableFuture<Principal> mine = new CompletableFuture<>();
        Entry entry = cache.compute(key, (k, existing) ->
                existing != null && existing.cachedUntil().isAfter(now) ? existing : new Entry(mine, now.plus(ttl)));
        if (entry.principal() != mine) {
            hits.incrementAndGet();
            return join(entry.principal());
        }
        misses.incrementAndGet();
        try {
            Principal principal = identity.validate(token);
            Instant until = earlier(now.plus(ttl), principal.expiresAt());
            cache.replace(key, entry, new Entry(mine, until));
            mine.complete(principal);
            evictIfFull();
            return principal;
        } catch (RuntimeException failure) {
            cache.remove(key, entry);
            if (failure instanceof UnauthenticatedException && rejectionTtl.isPositive()) {
                rejected.put(key, now.plus(rejectionTtl));
                evictIfFull(rejected, until -> !until.isAfter(clock.instant()));
            }
            mine.completeExceptionally(failure);
            throw failure;
        }
    }

    /** Puts a principal just issued by a login into the cache, so its first use needs no validation. */
    public void remember(String token, Principal principal) {
        Instant now = clock.instant();
        rejected.remove(sha256(token));
        cache.put(sha256(token), new Entry(CompletableFuture.completedFuture(principal),
                earlier(now.plus(ttl), principal.expiresAt())));
        evictIfFull();
    }

    /** Drops the token's cached answer, so that a revoked token is refused at once rather than after the TTL. */
    public void forget(String token) {
        cache.remove(sha256(token));
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    public int size() {
        return cache.size();
    }

    /** Rejections remembered now (expired ones may still be counted until the next eviction). */
    public int rejectedSize() {
        return rejected.size();
    }

    private void evictIfFull() {
        Instant now = clock.instant();
        evictIfFull(cache, e -> e.principal().isDone() && !e.cachedUntil().isAfter(now));
    }

    private <V> void evictIfFull(Map<String, V> map, Predicate<V> expired) {
        if (map.size() <= maxEntries) {
            return;
        }
        map.values().removeIf(expired);
        var keys = map.keySet().iterator();
        while (map.size() > maxEntries && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    private static Principal join(CompletableFuture<Principal> principal) {
        try {
            return principal.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static String sha256(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
        }
    }
}
