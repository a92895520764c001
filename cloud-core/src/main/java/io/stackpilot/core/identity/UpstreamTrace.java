package io.stackpilot.core.identity;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects the request ids the cloud gave to the calls made for one operation ({@code x-openstack-request-id}),
 * so the audit trail can name them. Adapters record into it; thread-safe, because independent calls of one
 * operation run in parallel.
 */
public final class UpstreamTrace {
    private final Queue<String> requestIds = new ConcurrentLinkedQueue<>();

    public void record(String requestId) {
        if (requestId != null && !requestId.isBlank()) {
            requestIds.add(requestId);
        }
    }

    /** The ids recorded so far, in the order the answers arrived. */
    public List<String> requestIds() {
        return List.copyOf(requestIds);
    }

    @Override
    public String toString() {
        return "UpstreamTrace" + requestIds;
    }
}
