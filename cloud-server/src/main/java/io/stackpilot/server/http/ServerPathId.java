package io.stackpilot.server.http;

import io.javalin.http.Context;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.error.NotFoundException;
import java.util.regex.Pattern;

/**
 * The {@code {id}} of a server route, checked before it reaches the cloud. Nova's server ids are UUIDs; anything
 * else ({@code detail}, {@code ..}, {@code %2E%2E}) would name another Nova resource or, resolved by the HTTP
 * client, another path. Such an id answers 404, not 400: no server can have it, so "not found" is the same
 * truthful answer a missing server gets, and a client needs no second rule for it.
 */
public final class ServerPathId {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Enough of an odd id to recognise it in the answer; never the whole of a long path. */
    private static final int SHOWN = 64;

    private ServerPathId() {
    }

    /** @throws NotFoundException when the id cannot be a Nova server id */
    public static ServerId of(Context ctx) {
        String id = ctx.pathParam("id");
        if (!UUID.matcher(id).matches()) {
            throw new NotFoundException("server", id.length() <= SHOWN ? id : id.substring(0, SHOWN) + "...");
        }
        return new ServerId(id);
    }
}
