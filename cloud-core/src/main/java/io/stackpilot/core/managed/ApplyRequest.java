package io.stackpilot.core.managed;

import java.util.List;

/**
 * A PUT of a managed server as the caller wrote it: flavor, image and networks by id OR name. Absent booleans take
 * their defaults (preemptible false, managed true, reconcile true); an absent update policy is manual;
 * {@code placement} is the caller's JSON, kept opaque. Not validated on construction: {@link ManagedServerService}
 * reports every problem at once.
 */
public record ApplyRequest(String flavor, String image, List<String> networks, Boolean preemptible, Boolean managed,
                           Boolean reconcile, String updatePolicy, String placement) {
    public ApplyRequest {
        networks = networks == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(
                networks));
    }
}
