package io.stackpilot.server.http;

import java.util.Optional;

/** One readiness check (database reachable, Keystone answering, ...). Must be quick and must not throw. */
@FunctionalInterface
public interface HealthCheck {
    boolean healthy();

    /** Why it is not healthy, when it can say more than "failing" (read only when {@link #healthy()} is false). */
    default Optional<String> reason() {
        return Optional.empty();
    }

    /** Runs the check; an exception counts as unhealthy. */
    static boolean safely(HealthCheck check) {
        try {
            return check.healthy();
        } catch (RuntimeException failed) {
            return false;
        }
    }
}
