package io.stackpilot.server.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.catalog.CatalogKey;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.error.UpstreamUnavailableException;
import io.stackpilot.core.image.Image;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CaffeineCatalogCacheTest {
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final CatalogKey<String> DEMO = key("demo-project-id", "member");

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicInteger loads = new AtomicInteger();
    /** Runs loads and refreshes on the caller's thread, so a test sees their effect at once. */
    private final CaffeineCatalogCache cache = new CaffeineCatalogCache(TTL, 100, nanos::get, Runnable::run);

    @Test
    void keeps_a_list_for_its_time_to_live_and_loads_it_again_after() {
        assertThat(get(DEMO, "v1")).containsExactly("v1");
        advance(TTL.minusSeconds(16)); // before the refresh point (half the TTL)
        assertThat(get(DEMO, "v2")).containsExactly("v1");
        assertThat(loads).hasValue(1);
        advance(TTL); // nobody asked in the refresh window: expired
        assertThat(get(DEMO, "v3")).containsExactly("v3");
        assertThat(loads).hasValue(2);
    }

    @Test
    void refreshes_ahead_of_expiry_while_the_caller_gets_the_stored_list() {
        get(DEMO, "v1");
        advance(TTL.dividedBy(2));
        List<String> refreshing = cache.get(DEMO, () -> load("not used"), () -> load("v2"));
        assertThat(refreshing).containsExactly("v1");
        assertThat(get(DEMO, "v3")).containsExactly("v2");
        advance(TTL.minusSeconds(1)); // 29 s after the refresh, 44 s after the first load
        assertThat(cache.get(DEMO, () -> load("not used"), () -> load("v4"))).containsExactly("v2");
        assertThat(loads).hasValue(3);
    }

    @Test
    void a_failed_refresh_keeps_the_stored_list_until_it_expires() {
        get(DEMO, "v1");
        advance(TTL.dividedBy(2));
        assertThat(cache.get(DEMO, () -> load("x"), () -> {
            throw new UpstreamUnavailableException("compute", "down", null, null);
        })).containsExactly("v1");
        assertThat(get(DEMO, "v2")).as("the next caller tries the refresh again").containsExactly("v1");
        assertThat(get(DEMO, "v3")).containsExactly("v2");
    }

    @Test
    void a_caller_right_after_a_failed_load_asks_the_cloud_again() {
        // With loads on other threads, a failed load leaves the cache in a callback that may run after its caller
        // has the fault; the next caller must not be handed that fault (ServerApiTest saw it as a flaky 502 -> 503).
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CaffeineCatalogCache threaded = new CaffeineCatalogCache(TTL, 1000, nanos::get, pool);
            for (int i = 0; i < 500; i++) {
                CatalogKey<String> key = key("project-" + i, "member");
                String after = "after " + i;
                assertThatThrownBy(() -> threaded.get(key, () -> {
                    throw new UpstreamUnavailableException("compute", "down", null, null);
                }, List::of)).isInstanceOf(UpstreamUnavailableException.class);
                assertThat(threaded.get(key, () -> List.of(after), List::of)).containsExactly(after);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keeps_lists_apart_by_project_and_roles() {
        get(DEMO, "demo as member");
        get(key("alt-demo-project-id", "member"), "alt-demo as member");
        get(key("demo-project-id", "admin"), "demo as admin");
        assertThat(get(DEMO, "x")).containsExactly("demo as member");
        assertThat(get(key("alt-demo-project-id", "MEMBER"), "x")).containsExactly("alt-demo as member");
        assertThat(get(key("demo-project-id", "admin"), "x")).containsExactly("demo as admin");
        assertThat(loads).hasValue(3);
    }

    @Test
    void invalidation_forgets_one_kind_at_one_location_for_every_project() {
        CatalogKey<Flavor> flavors = new CatalogKey<>(Flavor.class, Location.DEFAULT, "demo-project-id", Set.of());
        CatalogKey<Flavor> altFlavors = new CatalogKey<>(Flavor.class, Location.DEFAULT, "alt-project-id", Set.of());
        CatalogKey<Image> images = new CatalogKey<>(Image.class, Location.DEFAULT, "demo-project-id", Set.of());
        AtomicInteger calls = new AtomicInteger();
        Supplier<List<Flavor>> flavorLoad = () -> {
            calls.incrementAndGet();
            return List.of();
        };
        Supplier<List<Image>> imageLoad = () -> {
            calls.incrementAndGet();
            return List.of();
        };
        cache.get(flavors, flavorLoad, flavorLoad);
        cache.get(altFlavors, flavorLoad, flavorLoad);
        cache.get(images, imageLoad, imageLoad);
        cache.invalidate(Flavor.class, Location.DEFAULT);
        cache.get(flavors, flavorLoad, flavorLoad);
        cache.get(altFlavors, flavorLoad, flavorLoad);
        cache.get(images, imageLoad, imageLoad);
        assertThat(calls).as("3 first loads, 2 flavor lists again, images kept").hasValue(5);
    }

    @Test
    void reload_asks_again_and_stores_the_answer() {
        get(DEMO, "v1");
        assertThat(cache.reload(DEMO, () -> load("v2"))).containsExactly("v2");
        assertThat(get(DEMO, "v3")).containsExactly("v2");
    }

    @Test
    void a_failed_load_is_not_stored() {
        assertThatThrownBy(() -> cache.get(DEMO, () -> {
            throw new UpstreamUnavailableException("compute", "down", null, null);
        }, () -> load("x"))).isInstanceOf(UpstreamUnavailableException.class);
        assertThat(get(DEMO, "v1")).containsExactly("v1");
    }

    @Test
    void holds_no_more_lists_than_its_bound() {
        CaffeineCatalogCache small = new CaffeineCatalogCache(TTL, 3, nanos::get, Runnable::run);
        for (int project = 0; project < 50; project++) {
            small.get(key("project-" + project, "member"), () -> load("v"), () -> load("v"));
        }
        assertThat(small.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void callers_of_a_missing_list_wait_for_one_load() throws Exception {
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        CaffeineCatalogCache shared = new CaffeineCatalogCache(TTL, 100, nanos::get, threads);
        CountDownLatch release = new CountDownLatch(1);
        Supplier<List<String>> slowLoad = () -> {
            loads.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return List.of("loaded once");
        };
        List<Future<List<String>>> callers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            callers.add(threads.submit(() -> shared.get(DEMO, slowLoad, slowLoad)));
        }
        Thread.sleep(200);
        release.countDown();
        for (Future<List<String>> caller : callers) {
            assertThat(caller.get(10, TimeUnit.SECONDS)).containsExactly("loaded once");
        }
        assertThat(loads).hasValue(1);
        threads.shutdown();
    }

    private List<String> get(CatalogKey<String> key, String value) {
        return cache.get(key, () -> load(value), () -> load(value));
    }

    private List<String> load(String value) {
        loads.incrementAndGet();
        return List.of(value);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private static CatalogKey<String> key(String project, String role) {
        return new CatalogKey<>(String.class, Location.DEFAULT, project, Set.of(role));
    }
}
