package io.stackpilot.core.lease;

import io.stackpilot.core.common.Require;
import java.time.Instant;

/** A named, cluster-wide lease: who holds it and until when (after that anyone may take it over). */
public record Lease(String name, String holder, Instant expiresAt) {
    public Lease {
        Require.notBlank(name, "name");
        Require.notBlank(holder, "holder");
        Require.notNull(expiresAt, "expiresAt");
    }
}
