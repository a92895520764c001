package io.stackpilot.core.managed;

import io.stackpilot.core.common.Require;
import java.time.Instant;

/**
 * One observed aspect of a managed server, as in Kubernetes: {@code type} (e.g. "Ready", "Drifted"), whether it
 * holds, a machine-readable {@code reason} (CamelCase), a sentence for people, and when it last changed.
 */
public record Condition(String type, boolean status, String reason, String message, Instant at) {
    public Condition {
        Require.notBlank(type, "type");
        Require.notBlank(reason, "reason");
        Require.notNull(message, "message");
        Require.notNull(at, "at");
    }
}
