package io.stackpilot.kubernetes.crd;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A Flavor's spec: the flavor's name in the cloud ({@code name}, default the object's name), its vCPUs, RAM in MiB
 * and disk in GiB, and what deleting the object does ({@code deletionPolicy}: only {@code Retain}, the flavor stays).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlavorSpec(String name, Integer vcpus, Integer ramMiB, Integer diskGiB, String deletionPolicy) {
    public static final String RETAIN = "Retain";
}
