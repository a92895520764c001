package io.stackpilot.server.http;

import io.javalin.http.HandlerType;

/**
 * One HTTP route: method, path (Javalin syntax, {@code {id}} for parameters), whether it needs a caller's token,
 * and what it does. Registering routes as values lets the server wrap them uniformly (auth, route label for audit
 * and metrics) and lets a test compare them with the OpenAPI document.
 */
public record ApiRoute(HandlerType method, String path, boolean authenticated, RouteHandler handler) {

    public static ApiRoute open(HandlerType method, String path, RouteHandler handler) {
        return new ApiRoute(method, path, false, handler);
    }

    public static ApiRoute authenticated(HandlerType method, String path, RouteHandler handler) {
        return new ApiRoute(method, path, true, handler);
    }
}
