package io.stackpilot.core.operation;

import java.util.Locale;

/** queued → running → succeeded | failed; queued → cancelled (superseded); running → queued (retry, lease lost). */
public enum OperationState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for an unknown state */
    public static OperationState parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
