package io.stackpilot.kubernetes;

import io.stackpilot.kubernetes.crd.ServerStatus.ConditionStatus;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The Ready condition of Flavors and Schedules. */
final class Conditions {
    static final String READY = "Ready";

    private Conditions() {
    }

    /** A Ready condition that keeps the old one's lastTransitionTime while its status stays the same. */
    static List<ConditionStatus> ready(List<ConditionStatus> old, String status, String reason, String message,
                                       Clock clock) {
        ConditionStatus before = find(old);
        String at = before != null && before.status().equals(status) && before.lastTransitionTime() != null
                ? before.lastTransitionTime()
                : clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        return List.of(new ConditionStatus(READY, status, reason, message, at));
    }

    /** The Ready condition among {@code conditions}; null when there is none. */
    static ConditionStatus find(List<ConditionStatus> conditions) {
        return conditions == null ? null : conditions.stream().filter(c -> READY.equals(c.type())).findFirst()
                .orElse(null);
    }
}
