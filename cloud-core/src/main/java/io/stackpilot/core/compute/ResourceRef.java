package io.stackpilot.core.compute;

import io.stackpilot.core.common.Require;

/** A reference to a flavor or an image from a server: its id and, when the cloud says, its name (else null). */
public record ResourceRef(String id, String name) {
    public ResourceRef {
        Require.notBlank(id, "id");
    }
}
