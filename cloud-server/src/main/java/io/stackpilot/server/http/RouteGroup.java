package io.stackpilot.server.http;

import java.util.List;

/** A feature's routes; the server registers every group it is given (e.g. statistics, added by another module). */
@FunctionalInterface
public interface RouteGroup {
    List<ApiRoute> routes();
}
