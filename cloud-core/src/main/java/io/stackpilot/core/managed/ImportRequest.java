package io.stackpilot.core.managed;

/**
 * Import existing VMs of the caller's project: one by {@code serverId} (optionally named {@code name}; else its
 * Nova name made a DNS label), or every one whose name matches {@code nameRegex} (found anywhere in the name).
 * {@code managed} false (the default) observes only. Not validated on construction.
 */
public record ImportRequest(String serverId, String name, String nameRegex, Boolean managed) {
}
