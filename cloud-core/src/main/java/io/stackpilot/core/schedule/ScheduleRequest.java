package io.stackpilot.core.schedule;

import java.util.List;

/**
 * A new schedule as the caller wrote it: flavor, image and networks by id or name, {@code count} 1..100, an absent
 * {@code preemptible} is false, {@code placement} is the caller's JSON kept opaque. Not validated on construction:
 * {@link ScheduleService#create} reports every problem at once.
 */
public record ScheduleRequest(String name, String flavor, String image, List<String> networks, Integer count,
                              Boolean preemptible, String placement, WindowRequest window) {
    public ScheduleRequest {
        networks = networks == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(
                networks));
    }
}
