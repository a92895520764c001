package io.stackpilot.core.compute;

import io.stackpilot.core.common.Require;

/** A server's id as the cloud gives it (a UUID for Nova). */
public record ServerId(String value) {
    public ServerId {
        Require.notBlank(value, "server id");
    }

    @Override
    public String toString() {
        return value;
    }
}
