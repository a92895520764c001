package io.stackpilot.server.http;

/** One readiness check (database reachable, Keystone answering, ...). Must be quick and must not throw. */
@FunctionalInterface
public interface HealthCheck {
    boolean healthy();

    /** Runs the check; an exception counts as unhealthy. */
    static boolean safely(HealthCheck check) {
        try {
            return check.healthy();
        } catch (RuntimeException failed) {
            return false;
        }
    }
}
