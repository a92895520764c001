package io.stackpilot.core.managed;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.location.LocationStatus;
import io.stackpilot.core.location.ProviderLocation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocationClaimsTest {
    private static final ProviderLocation EAST = new ProviderLocation(new Location("lab-east", "RegionOne"), 1);
    private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");
    private final LocationClaims claims = new LocationClaims();

    @Test
    void creates_in_flight_count_against_the_cached_limits_until_there_is_no_room() {
        LocationStatus cached = status(T0, 1);

        Optional<LocationClaims.Claim> first = claims.claim(cached, 2, 2048);
        Optional<LocationClaims.Claim> second = claims.claim(cached, 2, 2048);
        Optional<LocationClaims.Claim> third = claims.claim(cached, 2, 2048);

        assertThat(first).isPresent();
        assertThat(second).isPresent();
        assertThat(third).isEmpty();
        assertThat(claims.counting(List.of(cached)).getFirst().limits())
                .isEqualTo(new ComputeLimits(3, 3, 20, 5, 51200, 4096 + 512));
        assertThat(claims.noRoom(cached, 2, 2048)).isEqualTo("no room by /limits: instances 3/3");
    }

    @Test
    void a_failed_create_gives_its_room_back_at_once() {
        LocationStatus cached = status(T0, 2);
        LocationClaims.Claim claim = claims.claim(cached, 1, 512).orElseThrow();
        assertThat(claims.claim(cached, 1, 512)).isEmpty();

        claim.failed();

        assertThat(claims.claim(cached, 1, 512)).isPresent();
    }

    @Test
    void a_booted_create_counts_until_a_check_made_after_it_returned_and_then_the_limits_alone_decide() {
        LocationClaims.Claim claim = claims.claim(status(T0, 1), 1, 512).orElseThrow();
        claim.booted(T0.plusSeconds(2));

        // checked before the create returned (the cache still shows one VM): still counted
        assertThat(claims.counting(List.of(status(T0.plusSeconds(1), 1))).getFirst().limits().usedInstances())
                .isEqualTo(2);
        // checked after it returned: the cloud's own count (two VMs) and nothing added
        assertThat(claims.counting(List.of(status(T0.plusSeconds(3), 2))).getFirst().limits().usedInstances())
                .isEqualTo(2);
        assertThat(claims.counting(List.of(status(T0, 1))).getFirst().limits().usedInstances()).isEqualTo(1);
    }

    @Test
    void an_unavailable_location_claims_without_a_check_and_is_listed_as_it_is() {
        LocationStatus down = new LocationStatus(EAST, T0, null, "unreachable");

        assertThat(claims.claim(down, 1, 512)).isPresent();
        assertThat(claims.counting(List.of(down))).containsExactly(down);
    }

    private static LocationStatus status(Instant checkedAt, int usedInstances) {
        return new LocationStatus(EAST, checkedAt, new ComputeLimits(3, usedInstances, 20, usedInstances, 51200,
                usedInstances * 512), null);
    }
}
