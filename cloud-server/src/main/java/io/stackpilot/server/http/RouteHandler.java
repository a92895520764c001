package io.stackpilot.server.http;

import io.javalin.http.Context;

/** What a route does with a request; authenticated routes find the caller with {@link RequestState#session}. */
@FunctionalInterface
public interface RouteHandler {
    void handle(Context ctx) throws Exception;
}
