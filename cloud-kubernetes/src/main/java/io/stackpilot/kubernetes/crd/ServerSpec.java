package io.stackpilot.kubernetes.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A Server's spec as the user wrote it. What the API server's schema enforces (required fields, enums, patterns) is
 * not checked again here; what it cannot enforce is reported by the controller in the Ready condition.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServerSpec(CloudRef cloudRef, String location, String flavor, String image, List<String> networks,
                         Boolean preemptible, Boolean reconcile, String managementPolicy, String updatePolicy,
                         @JsonProperty("import") ImportSpec importFrom) {
    public static final String MANAGED = "managed";
    public static final String UNMANAGED = "unmanaged";

    public ServerSpec {
        networks = networks == null ? List.of() : List.copyOf(networks);
    }

    /** False only for {@code managementPolicy: unmanaged}. */
    public boolean managed() {
        return !UNMANAGED.equals(managementPolicy);
    }

    /** A Secret in the Server's namespace whose key {@code clouds.yaml} holds the entry {@code cloud}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CloudRef(String secretName, String cloud) {
    }

    /** Adopt an existing VM: by id, or by its exact name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ImportSpec(String id, Filter filter) {
    }

    /** Import by exact VM name. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Filter(String name) {
    }
}
