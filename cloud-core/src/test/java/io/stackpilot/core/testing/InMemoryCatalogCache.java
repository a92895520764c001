package io.stackpilot.core.testing;

import io.stackpilot.core.catalog.CatalogCache;
import io.stackpilot.core.catalog.CatalogKey;
import io.stackpilot.core.common.Location;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A {@link CatalogCache} whose lists never expire (tests move no time for it) and are never refreshed in the
 * background: what a steady state within the time to live looks like. Thread-safe.
 */
public final class InMemoryCatalogCache implements CatalogCache {
    private final Map<CatalogKey<?>, List<?>> lists = new ConcurrentHashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public <T> List<T> get(CatalogKey<T> key, Supplier<List<T>> load, Supplier<List<T>> refresh) {
        List<?> stored = lists.get(key);
        return stored != null ? (List<T>) stored : reload(key, load);
    }

    @Override
    public <T> List<T> reload(CatalogKey<T> key, Supplier<List<T>> load) {
        List<T> loaded = List.copyOf(load.get());
        lists.put(key, loaded);
        return loaded;
    }

    @Override
    public void invalidate(Class<?> type, Location location) {
        lists.keySet().removeIf(key -> key.type().equals(type) && key.location().equals(location));
    }
}
