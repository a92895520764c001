package io.stackpilot.kubernetes.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A Server's status, written only by the controller through the status subresource. {@code observedGeneration} is
 * the metadata.generation whose spec was handed to the engine; {@code managedServerID} the engine's resource;
 * {@code lastEventTime} the newest engine event already published as a Kubernetes Event.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServerStatus(String phase, String serverID, String serverStatus, List<AddressStatus> addresses,
                           String addressSummary, String location, List<ConditionStatus> conditions,
                           Long observedGeneration, String managedServerID, String lastEventTime) {
    public ServerStatus {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /** One IP of the VM. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AddressStatus(String network, String ip, Integer version, String type) {
    }

    /** A Kubernetes-style condition: status is "True", "False" or "Unknown". */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ConditionStatus(String type, String status, String reason, String message,
                                  String lastTransitionTime) {
    }
}
