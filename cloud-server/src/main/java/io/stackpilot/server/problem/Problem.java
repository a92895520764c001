package io.stackpilot.server.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document as the API sends it: {@code type} is {@code /problems/<slug>}, {@code instance} the
 * request path. {@code errors} only for validation problems; {@code upstream_request_id} when the cloud gave one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
                      List<FieldError> errors, String upstreamRequestId) {
    public static final String CONTENT_TYPE = "application/problem+json";

    /** One invalid field of a request. */
    public record FieldError(String field, String message) {
    }
}
