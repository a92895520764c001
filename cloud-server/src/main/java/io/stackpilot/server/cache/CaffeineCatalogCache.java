package io.stackpilot.server.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.stackpilot.core.catalog.CatalogCache;
import io.stackpilot.core.catalog.CatalogKey;
import io.stackpilot.core.common.Location;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog cache on Caffeine: at most {@code maxEntries} lists, each dropped {@code ttl} after it was loaded.
 * A list asked for after half its time to live is refreshed in the background (one refresh at a time per list;
 * the caller gets the stored list at once), so a list read at least once per half-TTL is never waited for. A miss
 * is one load however many callers wait for it (Caffeine's asynchronous cache holds the one future; the load runs
 * on {@code executor}, not inside a map lock). Thread-safe.
 */
public final class CaffeineCatalogCache implements CatalogCache {
    private static final Logger LOG = LoggerFactory.getLogger(CaffeineCatalogCache.class);

    private final AsyncCache<CatalogKey<?>, Entry> cache;
    private final Ticker ticker;
    private final long refreshAfterNanos;
    private final Executor executor;

    public CaffeineCatalogCache(Duration ttl, long maxEntries, Ticker ticker, Executor executor) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive (zero means no cache: CatalogCache.none())");
        }
        this.ticker = ticker;
        this.refreshAfterNanos = ttl.toNanos() / 2;
        this.executor = executor;
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).ticker(ticker)
                .executor(executor).buildAsync();
    }

    @Override
    public <T> List<T> get(CatalogKey<T> key, Supplier<List<T>> load, Supplier<List<T>> refresh) {
        AtomicBoolean loadedHere = new AtomicBoolean();
        BiFunction<CatalogKey<?>, Executor, CompletableFuture<Entry>> loader = (k, ignored) -> {
            loadedHere.set(true);
            return CompletableFuture.supplyAsync(() -> new Entry(load.get(), ticker.read()), executor);
        };
        CompletableFuture<Entry> found = cache.get(key, loader);
        if (!loadedHere.get() && found.isCompletedExceptionally()) {
            // Another caller's load failed and leaves the cache in a callback that may not have run yet: this caller
            // asks the cloud again rather than being handed the earlier caller's fault.
            cache.asMap().remove(key, found);
            found = cache.get(key, loader);
        }
        CompletableFuture<Entry> future = found;
        Entry entry = join(future);
        if (ticker.read() - entry.loadedAt() >= refreshAfterNanos && entry.refreshing().compareAndSet(false, true)) {
            executor.execute(() -> refresh(key, future, refresh));
        }
        return values(entry);
    }

    @Override
    public <T> List<T> reload(CatalogKey<T> key, Supplier<List<T>> load) {
        Entry entry = new Entry(load.get(), ticker.read());
        cache.put(key, CompletableFuture.completedFuture(entry));
        return values(entry);
    }

    @Override
    public void invalidate(Class<?> type, Location location) {
        cache.asMap().keySet().removeIf(key -> key.type().equals(type) && key.location().equals(location));
    }

    /** How many lists are held (after pending evictions are done); for tests and metrics. */
    public long size() {
        cache.synchronous().cleanUp();
        return cache.synchronous().estimatedSize();
    }

    private <T> void refresh(CatalogKey<T> key, CompletableFuture<Entry> current, Supplier<List<T>> refresh) {
        try {
            Entry fresh = new Entry(refresh.get(), ticker.read());
            // Replaces only the list that was found due: an invalidation or a reload since then wins.
            cache.asMap().replace(key, current, CompletableFuture.completedFuture(fresh));
        } catch (RuntimeException failed) {
            current.join().refreshing().set(false);
            LOG.warn("background refresh of the {} list of project {} failed, the stored list stays until it "
                    + "expires: {}", key.type().getSimpleName(), key.projectId(), failed.toString());
        }
    }

    private static Entry join(CompletableFuture<Entry> future) {
        try {
            return future.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }

    // Every key of type T maps to an Entry of List<T>: get and reload store only such entries under such keys.
    @SuppressWarnings("unchecked")
    private static <T> List<T> values(Entry entry) {
        return (List<T>) entry.values();
    }

    /** A stored list, when it was loaded (ticker nanos) and whether a background refresh of it runs. */
    private record Entry(List<?> values, long loadedAt, AtomicBoolean refreshing) {
        Entry(List<?> values, long loadedAt) {
            this(List.copyOf(values), loadedAt, new AtomicBoolean());
        }
    }
}
