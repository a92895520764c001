package io.stackpilot.server.http;

import io.javalin.http.Context;
import io.stackpilot.core.error.NotFoundException;
import java.util.regex.Pattern;

/**
 * A path parameter that names a Neutron object (floating IP, security group, rule): Neutron's ids are UUIDs, and
 * anything else answers 404 before it reaches the cloud, as {@link ServerPathId} does for servers.
 */
final class PathUuid {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int SHOWN = 64;

    private PathUuid() {
    }

    /** @throws NotFoundException of that kind when the parameter cannot be a Neutron id */
    static String of(Context ctx, String parameter, String kind) {
        String id = ctx.pathParam(parameter);
        if (!UUID.matcher(id).matches()) {
            throw new NotFoundException(kind, id.length() <= SHOWN ? id : id.substring(0, SHOWN) + "...");
        }
        return id;
    }
}
