package io.stackpilot.kubernetes.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.stackpilot.kubernetes.crd.ServerStatus.ConditionStatus;
import java.util.List;

/**
 * A Flavor's status: {@code flavorID} in the cloud, {@code origin} {@code Created} (this object made it) or {@code
 * Adopted} (it existed with the wanted shape), {@code phase} Ready, Conflict (a flavor of that name has another
 * shape: left unchanged) or Failed, and the Ready condition saying why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlavorStatus(String phase, String flavorID, String origin, List<ConditionStatus> conditions,
                           Long observedGeneration) {
    public FlavorStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
