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

/**
 * Validates callers' tokens through the identity service and caches the answers by the SHA-256 of the token (the
 * token itself is never kept) for min(ttl, time until the token expires), measured with the injected clock.
 * Concurrent first requests for one token share one validation. Rejections are not cached. The cache holds at
 * most {@code maxEntries}; when full, expired entries go first, then arbitrary ones. Thread-safe.
 */
public final class TokenAuthenticator {
    private record Entry(CompletableFuture<Principal> principal, Instant cachedUntil) {
    }

    private final IdentityGateway identity;
    private final Clock clock;
    private final Duration ttl;
    private final int maxEntries;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public TokenAuthenticator(IdentityGateway identity, Clock clock, Duration ttl, int maxEntries) {
        if (ttl.isNegative() || maxEntries < 1) {
            throw new IllegalArgumentException("ttl must not be negative and maxEntries must be at least 1");
        }
        this.identity = identity;
        this.clock = clock;
        this.ttl = ttl;
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
            mine.completeExceptionally(failure);
            throw failure;
        }
    }

    /** Puts a principal just issued by a login into the cache, so its first use needs no validation. */
    public void remember(String token, Principal principal) {
        Instant now = clock.instant();
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

    private void evictIfFull() {
        if (cache.size() <= maxEntries) {
            return;
        }
        Instant now = clock.instant();
        cache.values().removeIf(e -> e.principal().isDone() && !e.cachedUntil().isAfter(now));
        var keys = cache.keySet().iterator();
        while (cache.size() > maxEntries && keys.hasNext()) {
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
