package io.stackpilot.openstack;

/**
 * Hears about every HTTP exchange with the cloud, for metrics. Called once per attempt (a retried GET is reported
 * once per try) on the calling thread; implementations must be fast and thread-safe.
 */
@FunctionalInterface
public interface UpstreamObserver {
    /** An observer that does nothing. */
    UpstreamObserver NONE = (service, method, status, elapsedNanos) -> {
    };

    /**
     * @param service the OpenStack service type: identity, compute, image, network
     * @param status the HTTP status, or 0 when no answer came (connection failure, timeout)
     */
    void onResponse(String service, String method, int status, long elapsedNanos);
}
