package io.stackpilot.core.location;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.testing.FakeLocations;
import io.stackpilot.core.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LocationServiceTest {
    private static final Location EAST = new Location("lab-east", "RegionOne");
    private static final Location WEST = new Location("lab-west", "RegionOne");
    private static final Location NORTH = new Location("lab-north", "RegionTwo");
    private final MutableClock clock = MutableClock.at("2026-12-01T20:00:00Z");
    private final FakeLocations locations = FakeLocations.of(3, EAST, WEST, NORTH);

    @Test
    void lists_every_location_in_priority_order_with_its_limits() {
        locations.setLimits(WEST, new ComputeLimits(3, 2, 20, 2, 51200, 1024));

        List<LocationStatus> statuses = new LocationService(locations, clock).list();

        assertThat(statuses).extracting(status -> status.location().name())
                .containsExactly("lab-east/RegionOne", "lab-west/RegionOne", "lab-north/RegionTwo");
        assertThat(statuses).extracting(status -> status.location().priority()).containsExactly(1, 2, 3);
        assertThat(statuses).allMatch(LocationStatus::available);
        assertThat(statuses.get(1).computeLimits()).contains(new ComputeLimits(3, 2, 20, 2, 51200, 1024));
    }

    @Test
    void a_location_that_is_down_is_marked_unavailable_and_the_others_still_answer() {
        locations.setDown(WEST, true);

        List<LocationStatus> statuses = new LocationService(locations, clock).list();

        assertThat(statuses).extracting(LocationStatus::available).containsExactly(true, false, true);
        assertThat(statuses.get(1).unavailableReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("unreachable"));
        assertThat(statuses.get(1).computeLimits()).isEmpty();
    }

    @Test
    void a_location_that_hangs_is_reported_unavailable_after_the_answer_deadline() {
        CountDownLatch release = locations.hang(NORTH);
        try {
            List<LocationStatus> statuses = new LocationService(locations, clock, Duration.ofSeconds(10),
                    Duration.ofMillis(200)).list();

            assertThat(statuses).extracting(LocationStatus::available).containsExactly(true, true, false);
            assertThat(statuses.get(2).unavailableReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .startsWith("no answer within"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void a_slow_call_is_not_cut_off_its_late_answer_serves_the_next_list_and_no_second_call_is_made() {
        LocationService service = new LocationService(locations, clock, Duration.ofSeconds(10),
                Duration.ofMillis(200));
        CountDownLatch release = locations.hang(NORTH);
        assertThat(service.list().get(2).available()).isFalse();
        assertThat(service.list().get(2).available()).isFalse();

        release.countDown();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!service.list().get(2).available() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        assertThat(service.list().get(2).available()).isTrue();
        assertThat(locations.calls()).isEqualTo(3);
    }

    @Test
    void answers_are_reused_within_the_ttl_and_asked_again_after_it() {
        LocationService service = new LocationService(locations, clock, Duration.ofSeconds(10),
                Duration.ofSeconds(30));
        service.list();
        locations.setLimits(EAST, new ComputeLimits(3, 3, 20, 3, 51200, 1536));

        clock.advance(Duration.ofSeconds(9));
        assertThat(service.list().getFirst().computeLimits().orElseThrow().usedInstances()).isZero();
        assertThat(locations.calls()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(1));
        assertThat(service.list().getFirst().computeLimits().orElseThrow().usedInstances()).isEqualTo(3);
        assertThat(locations.calls()).isEqualTo(6);
    }

    @Test
    void a_location_that_comes_back_is_available_again_once_its_entry_is_stale() {
        LocationService service = new LocationService(locations, clock, Duration.ofSeconds(10),
                Duration.ofSeconds(30));
        locations.setDown(EAST, true);
        assertThat(service.list().getFirst().available()).isFalse();

        locations.setDown(EAST, false);
        clock.advance(Duration.ofSeconds(10));

        assertThat(service.list().getFirst().available()).isTrue();
    }
}
