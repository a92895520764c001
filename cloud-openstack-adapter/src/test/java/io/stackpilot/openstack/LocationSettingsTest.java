package io.stackpilot.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocationSettingsTest {
    @Test
    void without_stackpilot_clouds_the_identity_cloud_is_the_only_location() {
        LocationSettings settings = LocationSettings.fromEnvironment(Map.of(), new ArrayList<>());

        assertThat(settings.identityCloudOnly()).isTrue();
        assertThat(settings.regions()).isEmpty();
    }

    @Test
    void reads_clouds_in_order_and_regions_per_cloud() {
        List<String> problems = new ArrayList<>();
        LocationSettings settings = LocationSettings.fromEnvironment(Map.of("STACKPILOT_CLOUDS",
                " lab-east, lab-west ,lab-north", "STACKPILOT_REGIONS",
                "lab-east:RegionTwo,RegionOne; lab-north:RegionOne"), problems);

        assertThat(problems).isEmpty();
        assertThat(settings.clouds()).containsExactly("lab-east", "lab-west", "lab-north");
        assertThat(settings.regions()).containsExactly(Map.entry("lab-east", List.of("RegionTwo", "RegionOne")),
                Map.entry("lab-north", List.of("RegionOne")));
    }

    @Test
    void reports_every_problem_at_once() {
        List<String> problems = new ArrayList<>();
        LocationSettings settings = LocationSettings.fromEnvironment(Map.of("STACKPILOT_CLOUDS",
                "lab-east,lab-east", "STACKPILOT_REGIONS",
                "lab-west:RegionOne;lab-east;lab-east:RegionOne,RegionOne"), problems);

        assertThat(settings).isNull();
        assertThat(problems).containsExactly("STACKPILOT_CLOUDS names cloud 'lab-east' twice",
                "STACKPILOT_REGIONS names cloud 'lab-west', which is not in STACKPILOT_CLOUDS [lab-east]",
                "STACKPILOT_REGIONS: 'lab-east' is not cloud:Region[,Region...]",
                "STACKPILOT_REGIONS names a region of cloud 'lab-east' twice: [RegionOne, RegionOne]");
    }
}
