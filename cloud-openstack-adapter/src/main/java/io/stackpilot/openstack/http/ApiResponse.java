package io.stackpilot.openstack.http;

import okhttp3.Headers;

/** A successful (2xx) answer, read completely: status, headers, body text (empty when none) and the request id. */
public record ApiResponse(int status, Headers headers, String body, String requestId) {
    public String header(String name) {
        return headers.get(name);
    }
}
