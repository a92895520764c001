package io.stackpilot.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.location.ProviderLocation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a placement: the API's object and the stored canonical JSON, with a real JSON reader, not patterns. */
class PlacementTest {
    private static final List<ProviderLocation> CONFIGURED = List.of(
            new ProviderLocation(PlacementPlanTest.EAST, 1), new ProviderLocation(PlacementPlanTest.WEST, 2));

    private static List<String> problems(String json) {
        try {
            Placement.parse(json, CONFIGURED);
        } catch (InvalidRequestException invalid) {
            return invalid.problems().stream().map(problem -> problem.field() + ": " + problem.message()).toList();
        }
        throw new AssertionError("no problem found in " + json);
    }

    @Test
    void reads_any_json_layout_and_escapes_and_writes_the_canonical_form() {
        Placement placement = Placement.parse("\n{ \"strategy\"\t:\"spread\" ,\r\n \"locations\" : [ \"lab-west\\/"
                + "RegionOne\" , \"lab-\\u0065ast/RegionOne\" ] }\n", CONFIGURED);

        assertThat(placement.any()).isFalse();
        assertThat(placement.locations()).containsExactly("lab-west/RegionOne", "lab-east/RegionOne");
        assertThat(placement.strategy()).isEqualTo(Placement.Strategy.SPREAD);
        assertThat(placement.toJson())
                .isEqualTo("{\"locations\":[\"lab-west/RegionOne\",\"lab-east/RegionOne\"],\"strategy\":\"spread\"}");
        assertThat(Placement.parse(placement.toJson(), CONFIGURED)).isEqualTo(placement);
        assertThat(Placement.parse("{\"locations\":\"any\",\"strategy\":null}", CONFIGURED))
                .isEqualTo(new Placement(true, List.of(), Placement.Strategy.FILL_FIRST));
    }

    @Test
    void text_that_fooled_the_patterns_is_read_for_what_it_is() {
        // a strategy inside a location name, and "locations" as a value, are not members
        assertThat(problems("{\"locations\":[\"\\\"strategy\\\":\\\"spread\\\"\"]}")).singleElement().asString()
                .startsWith("placement.locations: unknown location \"\"strategy\":\"spread\"\"");
        assertThat(problems("{\"zone\":\"locations\"}")).containsExactlyInAnyOrder(
                "placement.zone: is not a member of a placement; it has [locations, strategy]",
                "placement.locations: is required: \"any\" or a list of locations");
        // a "]" inside a name does not end the list
        assertThat(problems("{\"locations\":[\"lab-east/RegionOne]\",\"lab-west/RegionOne\"]}"))
                .containsExactly("placement.locations: unknown location \"lab-east/RegionOne]\"; the configured"
                        + " locations are [lab-east/RegionOne, lab-west/RegionOne]");
    }

    @Test
    void wrong_types_are_named_per_member() {
        assertThat(problems("{\"locations\":[\"lab-east/RegionOne\",3],\"strategy\":true}"))
                .containsExactlyInAnyOrder("placement.locations: lists locations as \"cloud/region\" strings",
                        "placement.strategy: must be \"fill-first\" or \"spread\"");
        assertThat(problems("{\"locations\":{\"any\":true}}"))
                .containsExactly("placement.locations: must be \"any\" or a list of locations");
        assertThat(problems("{\"locations\":\"all\"}"))
                .containsExactly("placement.locations: must be \"any\" or a list of locations");
        assertThat(problems("[\"lab-east/RegionOne\"]")).containsExactly("placement: must be a JSON object");
    }

    @Test
    void malformed_json_is_one_problem_that_says_where() {
        for (String broken : List.of("{\"locations\":\"any\"", "{\"locations\":\"any\",}", "{\"locations\" \"any\"}",
                "{\"locations\":\"any\"} x", "{'locations':'any'}", "{\"locations\":\"any\",\"locations\":\"any\"}",
                "{\"locations\":[\"a\\qb\"]}", "{\"locations\":01}", "", "[".repeat(100))) {
            assertThat(problems(broken)).as(broken).singleElement().asString()
                    .startsWith("placement: is not valid JSON: ").contains("at offset");
        }
    }

    @Test
    void a_stored_placement_without_locations_is_the_owners_own_cloud() {
        assertThat(Placement.parseStored(null, CONFIGURED)).isNull();
        // stored before placements existed: the API kept any JSON object opaque
        assertThat(Placement.parseStored("{\"region\":\"RegionOne\"}", CONFIGURED)).isNull();
        assertThat(Placement.parseStored("{\"note\":\"\\\"locations\\\" in a value\"}", CONFIGURED)).isNull();
        assertThat(Placement.parseStored("{}", CONFIGURED)).isNull();
    }

    @Test
    void a_stored_placement_with_locations_is_read_and_checked_like_the_apis() {
        assertThat(Placement.parseStored("{\"locations\":[\"lab-east/RegionOne\"],\"strategy\":\"fill-first\"}",
                CONFIGURED)).isEqualTo(new Placement(false, List.of("lab-east/RegionOne"),
                Placement.Strategy.FILL_FIRST));
        // a location configured when it was stored and gone now: the engine fails it with the reason
        assertThatThrownBy(() -> Placement.parseStored("{\"locations\":[\"lab-north/RegionOne\"]}", CONFIGURED))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> assertThat(invalid.problems())
                        .extracting(FieldProblem::field).containsExactly("placement.locations"));
        assertThatThrownBy(() -> Placement.parseStored("{\"locations\":", CONFIGURED))
                .isInstanceOf(InvalidRequestException.class);
    }
}
