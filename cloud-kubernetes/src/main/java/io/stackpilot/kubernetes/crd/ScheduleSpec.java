package io.stackpilot.kubernetes.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.stackpilot.kubernetes.crd.ServerSpec.CloudRef;
import java.util.List;

/**
 * A Schedule's spec, the fields of the schedules API: {@code count} servers of flavor, image and networks while the
 * window is open (recurring: days, start, end, timeZone; or one-off: from, until); {@code enabled} false keeps it
 * without servers. Flavor, image, networks and preemptible are fixed once the schedule exists (as in the API).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScheduleSpec(CloudRef cloudRef, String flavor, String image, List<String> networks, Integer count,
                           Boolean preemptible, Boolean enabled, Window window) {
    public ScheduleSpec {
        networks = networks == null ? List.of() : List.copyOf(networks);
    }

    /** Recurring (days, start, end, timeZone) or one-off (from, until). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Window(List<String> days, String start, String end, String timeZone, String from, String until) {
    }
}
