package io.stackpilot.core.catalog;

import io.stackpilot.core.common.Location;
import java.util.List;
import java.util.function.Supplier;

/**
 * A bounded store of catalog lists (flavors, images, networks) that expire after a time to live, each under the
 * {@link CatalogKey} of who may see it, so a list is only ever given to callers of the same project and roles.
 * Thread-safe.
 *
 * <p>Contract of an implementation: a missing or expired list is loaded once however many callers ask for it at the
 * same time (they wait for that one load); a list is never returned once it is older than the time to live; a list
 * may be refreshed in the background (with {@code refresh}) before it expires, so steady callers never wait; a
 * failed load is not stored (every waiter gets its exception) and a failed background refresh leaves the current
 * list until it expires. The number of lists held is bounded.
 */
public interface CatalogCache {

    /**
     * The key's list, stored or loaded now with {@code load} (in the caller's name: its upstream trace).
     *
     * @param refresh loads the list again in the background, outside any request
     */
    <T> List<T> get(CatalogKey<T> key, Supplier<List<T>> load, Supplier<List<T>> refresh);

    /** Loads the key's list now, whatever is stored, and stores it (a caller that asked for a fresh answer). */
    <T> List<T> reload(CatalogKey<T> key, Supplier<List<T>> load);

    /** Forgets every stored list of {@code type} at {@code location}, of every project (after a change to them). */
    void invalidate(Class<?> type, Location location);

    /** A cache that stores nothing: every call loads (a time to live of zero turns caching off). */
    static CatalogCache none() {
        return new CatalogCache() {
            @Override
            public <T> List<T> get(CatalogKey<T> key, Supplier<List<T>> load, Supplier<List<T>> refresh) {
                return load.get();
            }

            @Override
            public <T> List<T> reload(CatalogKey<T> key, Supplier<List<T>> load) {
                return load.get();
            }

            @Override
            public void invalidate(Class<?> type, Location location) {
                // nothing stored
            }
        };
    }
}
