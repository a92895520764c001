package io.stackpilot.core.managed;

/**
 * What one pass did: resources claimed, server list calls made (one per owner project), operations enqueued and
 * projects that could not be observed (their resources are retried at the next interval).
 */
public record ReconcilePass(int claimed, int listCalls, int enqueued, int unobservedProjects) {
    public static final ReconcilePass EMPTY = new ReconcilePass(0, 0, 0, 0);
}
