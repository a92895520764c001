package io.stackpilot.core.managed;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.location.LocationStatus;
import io.stackpilot.core.location.ProviderLocation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocationClaimsTest {
    private static final ProviderLocation EAST = new ProviderLocation(new Location("lab-east", "RegionOne"), 1);
    private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");
    private final LocationClaims claims = new LocationClaims();

    @Test
    void creates_in_flight_count_against_the_cached_limits_until_there_is_no_room() {
        LocationStatus cached = status(T0, 1);

        LocationClaims.Attempt first = claims.claim(cached, 2, 2048);
        LocationClaims.Attempt second = claims.claim(cached, 2, 2048);
        LocationClaims.Attempt third = claims.claim(cached, 2, 2048);

        assertThat(first.claim()).isNotNull();
        assertThat(second.claim()).isNotNull();
        assertThat(third.claim()).isNull();
        assertThat(third.noRoom()).isEqualTo("no room by /limits: instances 3/3");
        assertThat(claims.counting(List.of(cached)).getFirst().limits())
                .isEqualTo(new ComputeLimits(3, 3, 20, 5, 51200, 4096 + 512));
    }

    @Test
    void a_failed_create_gives_its_room_back_at_once() {
        LocationStatus cached = status(T0, 2);
        LocationClaims.Claim claim = claims.claim(cached, 1, 512).claim();
        assertThat(claims.claim(cached, 1, 512).claim()).isNull();

        claim.failed();

        assertThat(claims.claim(cached, 1, 512).claim()).isNotNull();
    }

    @Test
    void a_booted_create_counts_against_checks_seen_before_it_claimed_until_a_check_seen_after_it_returned() {
        LocationStatus before = status(T0, 1);
        claims.counting(List.of(before));
        LocationClaims.Claim claim = claims.claim(before, 1, 512).claim();
        claim.booted();

        // the check seen before the create (one VM): still counted, with the same clock reading or not
        assertThat(used(before)).isEqualTo(2);
        // a check seen after it returned: the cloud's own count (two VMs) and nothing added, then or later
        LocationStatus after = status(T0, 2);
        assertThat(used(after)).isEqualTo(2);
        assertThat(used(before)).isEqualTo(1);
        assertThat(used(after)).isEqualTo(2);
    }

    @Test
    void a_check_seen_while_a_create_is_in_flight_never_counts_it_twice() {
        LocationStatus before = status(T0, 0);
        LocationClaims.Claim inFlight = claims.claim(before, 1, 512).claim();
        // Nova counts the VM from the moment it has the create: this check, seen during the create, shows it
        LocationStatus during = status(T0, 1);

        assertThat(used(during)).isEqualTo(1);
        assertThat(claims.claim(during, 1, 512).claim()).isNotNull();
        assertThat(claims.claim(during, 1, 512).claim()).isNotNull();
        assertThat(claims.claim(during, 1, 512).noRoom()).isEqualTo("no room by /limits: instances 3/3");
        // a status already counted here and given back is a new check, not the fetched one counted once more
        LocationStatus counted = claims.counting(List.of(during)).getFirst();
        assertThat(counted.limits().usedInstances()).isEqualTo(3);
        assertThat(used(counted)).isEqualTo(3);
        inFlight.booted();
    }

    @Test
    void an_unavailable_location_claims_without_a_check_and_is_listed_as_it_is() {
        LocationStatus down = new LocationStatus(EAST, T0, null, "unreachable");

        assertThat(claims.claim(down, 1, 512).claim()).isNotNull();
        assertThat(claims.counting(List.of(down))).containsExactly(down);
    }

    private int used(LocationStatus status) {
        return claims.counting(List.of(status)).getFirst().limits().usedInstances();
    }

    private static LocationStatus status(Instant checkedAt, int usedInstances) {
        return new LocationStatus(EAST, checkedAt, new ComputeLimits(3, usedInstances, 20, usedInstances, 51200,
                usedInstances * 512), null);
    }
}
