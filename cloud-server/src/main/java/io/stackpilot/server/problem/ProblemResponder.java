package io.stackpilot.server.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

/** Writes a problem document as the response: status, {@code application/problem+json}, and for 401 the challenge. */
public final class ProblemResponder {
    /** The challenge of a 401: how to authenticate (RFC 6750). */
    public static final String WWW_AUTHENTICATE = "Bearer realm=\"stackpilot\", charset=\"UTF-8\"";

    private final ObjectMapper mapper;

    public ProblemResponder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void respond(Context ctx, Problem problem) {
        if (problem.status() == 401) {
            ctx.header("WWW-Authenticate", WWW_AUTHENTICATE);
        }
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            body = "{\"type\":\"/problems/internal-error\",\"status\":500}";
        }
        ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).result(body);
    }
}
