package io.stackpilot.openstack.http;

import io.stackpilot.core.identity.UpstreamTrace;

/**
 * Attached to every OkHttp request (as its tag) so that the interceptor knows which service it talks to and where
 * to record the cloud's request id. {@code trace} may be null for calls that belong to no caller's operation.
 */
public record CallTag(String service, UpstreamTrace trace) {
}
