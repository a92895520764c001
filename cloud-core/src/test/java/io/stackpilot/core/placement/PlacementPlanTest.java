package io.stackpilot.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.location.LocationService;
import io.stackpilot.core.location.LocationStatus;
import io.stackpilot.core.location.ProviderLocation;
import io.stackpilot.core.testing.FakeLocations;
import io.stackpilot.core.testing.MutableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure placement decision: which locations have room, in which order, and why the others were skipped. */
class PlacementPlanTest {
    static final Location EAST = new Location("lab-east", "RegionOne");
    static final Location WEST = new Location("lab-west", "RegionOne");
    static final Location NORTH = new Location("lab-north", "RegionOne");

    final FakeLocations locations = FakeLocations.of(3, EAST, WEST, NORTH);

    @Test
    void fill_first_takes_the_locations_with_room_in_priority_order() {
        locations.setLimits(EAST, new ComputeLimits(3, 3, 20, 3, 51200, 1536));
        PlacementPlan plan = PlacementPlan.of(any(Placement.Strategy.FILL_FIRST), statuses(), 1, 512);

        assertThat(plan.withRoom()).extracting(ProviderLocation::name)
                .containsExactly("lab-west/RegionOne", "lab-north/RegionOne");
        assertThat(plan.full()).extracting(ProviderLocation::name).containsExactly("lab-east/RegionOne");
        assertThat(plan.skipped()).singleElement().satisfies(tried -> {
            assertThat(tried.toString()).isEqualTo("lab-east/RegionOne: no room by /limits: instances 3/3");
            assertThat(tried.at()).isNotNull();
        });
    }

    @Test
    void spread_takes_the_emptiest_first_and_keeps_the_order_among_equals() {
        locations.setLimits(EAST, new ComputeLimits(3, 2, 20, 2, 51200, 1024));
        locations.setLimits(WEST, new ComputeLimits(3, 1, 20, 1, 51200, 512));
        PlacementPlan plan = PlacementPlan.of(any(Placement.Strategy.SPREAD), statuses(), 1, 512);

        assertThat(plan.withRoom()).extracting(ProviderLocation::name)
                .containsExactly("lab-north/RegionOne", "lab-west/RegionOne", "lab-east/RegionOne");
    }

    @Test
    void cores_and_ram_count_as_well_as_instances_and_unlimited_is_room() {
        locations.setLimits(EAST, new ComputeLimits(-1, 7, 4, 3, -1, 0));
        locations.setLimits(WEST, new ComputeLimits(-1, 7, -1, 0, 4096, 3584));
        locations.setLimits(NORTH, new ComputeLimits(-1, 70, -1, 99, -1, 99999));
        PlacementPlan plan = PlacementPlan.of(any(Placement.Strategy.FILL_FIRST), statuses(), 2, 1024);

        assertThat(plan.withRoom()).extracting(ProviderLocation::name).containsExactly("lab-north/RegionOne");
        assertThat(plan.skipped()).extracting(Tried::reason).containsExactly(
                "no room by /limits: cores 3/4, needs 2", "no room by /limits: RAM 3584/4096 MB, needs 1024");
    }

    @Test
    void an_unavailable_location_is_skipped_with_its_reason_and_never_counted_as_full() {
        locations.setDown(WEST, true);
        PlacementPlan plan = PlacementPlan.of(any(Placement.Strategy.FILL_FIRST), statuses(), 1, 512);

        assertThat(plan.withRoom()).extracting(ProviderLocation::name)
                .containsExactly("lab-east/RegionOne", "lab-north/RegionOne");
        assertThat(plan.full()).isEmpty();
        assertThat(plan.skipped()).singleElement().satisfies(tried -> {
            assertThat(tried.location()).isEqualTo("lab-west/RegionOne");
            assertThat(tried.reason()).startsWith("unavailable: ").contains("unreachable");
        });
    }

    @Test
    void listed_locations_are_tried_in_the_callers_order_and_the_others_never() {
        Placement placement = Placement.parse("{\"locations\":[\"lab-north/RegionOne\",\"lab-east/RegionOne\"]}",
                locations.locations());
        PlacementPlan plan = PlacementPlan.of(placement, statuses(), 1, 512);

        assertThat(plan.withRoom()).extracting(ProviderLocation::name)
                .containsExactly("lab-north/RegionOne", "lab-east/RegionOne");
    }

    @Test
    void a_placement_is_read_from_the_api_json_and_written_back_canonical() {
        assertThat(Placement.parse("{ \"strategy\" : \"spread\", \"locations\" : \"any\" }", locations.locations())
                .toJson()).isEqualTo("{\"locations\":\"any\",\"strategy\":\"spread\"}");
        assertThat(Placement.parse("{\"locations\":[\"lab-west/RegionOne\"]}", locations.locations()).toJson())
                .isEqualTo("{\"locations\":[\"lab-west/RegionOne\"],\"strategy\":\"fill-first\"}");
        assertThat(Placement.parse(null, locations.locations())).isNull();
    }

    @Test
    void every_problem_of_a_placement_is_named_at_once() {
        assertThatThrownBy(() -> Placement.parse("{\"locations\":[\"lab-south/RegionOne\",\"lab-east/RegionOne\","
                + "\"lab-east/RegionOne\"],\"strategy\":\"random\"}", locations.locations()))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> assertThat(invalid.problems())
                        .extracting(problem -> problem.field() + ": " + problem.message()).containsExactlyInAnyOrder(
                                "placement.strategy: must be \"fill-first\" or \"spread\"",
                                "placement.locations: unknown location \"lab-south/RegionOne\"; the configured "
                                        + "locations are [lab-east/RegionOne, lab-west/RegionOne, lab-north/RegionOne]",
                                "placement.locations: names a location twice"));
        assertThatThrownBy(() -> Placement.parse("{\"locations\":[]}", locations.locations()))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> Placement.parse("{\"strategy\":\"spread\"}", locations.locations()))
                .isInstanceOf(InvalidRequestException.class);
    }

    private static Placement any(Placement.Strategy strategy) {
        return new Placement(true, List.of(), strategy);
    }

    private List<LocationStatus> statuses() {
        return new LocationService(locations, MutableClock.at("2026-12-01T10:00:00Z")).list();
    }
}
