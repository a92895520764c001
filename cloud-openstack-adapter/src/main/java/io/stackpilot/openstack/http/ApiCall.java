package io.stackpilot.openstack.http;

import io.stackpilot.core.identity.Session;
import io.stackpilot.core.identity.UpstreamTrace;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * One request to a cloud service: method, URL, token, extra headers and an optional JSON body (any Jackson-writable
 * object). {@code subject} names what the URL points at ("server 1234"), so that a 404 becomes a
 * {@code NotFoundException} with that kind and id. The token is a secret and is masked in {@link #toString()}.
 */
public record ApiCall(String service, String method, HttpUrl url, String token, Map<String, String> headers,
                      Object body, UpstreamTrace trace, String subjectKind, String subjectId) {
    public ApiCall {
        headers = Map.copyOf(headers);
    }

    /** A call on behalf of the session's caller: their token, and the cloud's request ids go into their trace. */
    public static ApiCall get(String service, HttpUrl url, Session session) {
        return get(service, url, session.token(), session.trace());
    }

    /** A call on behalf of the session's caller: their token, and the cloud's request ids go into their trace. */
    public static ApiCall post(String service, HttpUrl url, Session session, Object body) {
        return post(service, url, session.token(), body, session.trace());
    }

    /** A call on behalf of the session's caller: their token, and the cloud's request ids go into their trace. */
    public static ApiCall delete(String service, HttpUrl url, Session session) {
        return delete(service, url, session.token(), session.trace());
    }

    /** A call without a caller's session (the service account's, or logging in): token and trace given apart. */
    public static ApiCall get(String service, HttpUrl url, String token, UpstreamTrace trace) {
        return new ApiCall(service, "GET", url, token, Map.of(), null, trace, null, null);
    }

    public static ApiCall post(String service, HttpUrl url, String token, Object body, UpstreamTrace trace) {
        return new ApiCall(service, "POST", url, token, Map.of(), body, trace, null, null);
    }

    public static ApiCall delete(String service, HttpUrl url, String token, UpstreamTrace trace) {
        return new ApiCall(service, "DELETE", url, token, Map.of(), null, trace, null, null);
    }

    public ApiCall withHeaders(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(more);
        return new ApiCall(service, method, url, token, merged, body, trace, subjectKind, subjectId);
    }

    public ApiCall about(String kind, String id) {
        return new ApiCall(service, method, url, token, headers, body, trace, kind, id);
    }

    @Override
    public String toString() {
        return "ApiCall[" + method + " " + url + ", token=***]";
    }
}
