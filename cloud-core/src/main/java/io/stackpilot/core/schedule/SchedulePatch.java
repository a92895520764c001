package io.stackpilot.core.schedule;

/** A change of a schedule: each field absent (null) is left as it is. */
public record SchedulePatch(Boolean enabled, Integer count, WindowRequest window) {
}
