package io.stackpilot.core.compute;

import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.image.Image;
import io.stackpilot.core.image.ImageGateway;
import java.util.List;
import java.util.function.Function;

/**
 * Day-two actions on the caller's servers (start, stop, reboot, resize and its confirm or revert, rebuild) and their
 * console log. Like {@link ServerService}, every call first checks that the server belongs to the session's
 * project: a token with the admin role may act on any project's server in Nova, and another project's server is
 * reported exactly like a missing one. An action the server has already reached (a stop of a SHUTOFF server, a start
 * of an ACTIVE one, a resize to the flavor it waits in VERIFY_RESIZE with) succeeds without a call to the cloud,
 * and so does one the cloud refuses as a conflict because the server reached that state meanwhile. Thread-safe.
 */
public final class ServerControlService {
    /** The most console lines one call returns. */
    public static final int MAX_CONSOLE_LINES = 10_000;

    private final ComputeGateway compute;
    private final ImageGateway images;
    private final ServerControlGateway control;

    public ServerControlService(ComputeGateway compute, ImageGateway images, ServerControlGateway control) {
        this.compute = compute;
        this.images = images;
        this.control = control;
    }

    /** What an accepted action did: {@code sent} is false when the server was already where the action leads. */
    public record Outcome(ServerId serverId, ServerAction action, ServerStatus statusBefore, boolean sent) {
    }

    /**
     * Checks ownership and the action's arguments (an unknown flavor or image is invalid; a flavor or image may be
     * given by id or unique name), then asks the cloud.
     *
     * @throws NotFoundException when the server does not exist or belongs to another project
     * @throws InvalidRequestException for an unknown flavor or image, or a resize to the server's own flavor
     * @throws ConflictException when the server's state does not allow the action
     */
    public Outcome act(Session session, ServerId id, ServerAction action) {
        Server server = findOwned(session, id);
        if (action.doneIn(server.status())) {
            return new Outcome(id, action, server.status(), false);
        }
        ServerAction resolved = switch (action) {
            case ServerAction.Resize resize -> {
                Flavor flavor = pick(compute.listFlavors(session), resize.flavorId(), Flavor::id, Flavor::name,
                        "flavor");
                if (flavor.id().equals(server.flavor().id())) {
                    if (server.status() == ServerStatus.VERIFY_RESIZE) {
                        yield null;
                    }
                    throw InvalidRequestException.of("flavor", "is the server's flavor already ("
                            + flavor.name() + ")");
                }
                yield new ServerAction.Resize(flavor.id());
            }
            case ServerAction.Rebuild rebuild -> new ServerAction.Rebuild(
                    pick(images.listImages(session), rebuild.imageId(), Image::id, Image::name, "image").id());
            case ServerAction.ConfirmResize confirm -> requireResized(server, confirm);
            case ServerAction.RevertResize revert -> requireResized(server, revert);
            case ServerAction.Start start -> start;
            case ServerAction.Stop stop -> stop;
            case ServerAction.Reboot reboot -> reboot;
        };
        if (resolved == null) {
            return new Outcome(id, action, server.status(), false);
        }
        try {
            control.act(session, id, resolved);
        } catch (ConflictException conflict) {
            // Another request may have got there first (two stops at once): then the goal is reached, not refused.
            ServerStatus now = findOwned(session, id).status();
            if (resolved.doneIn(now)) {
                return new Outcome(id, action, server.status(), false);
            }
            throw conflict;
        }
        return new Outcome(id, resolved, server.status(), true);
    }

    /**
     * The last {@code lines} lines of the console log of the caller's server (all of it when null).
     *
     * @throws InvalidRequestException when lines is not between 1 and {@value #MAX_CONSOLE_LINES}
     * @throws NotFoundException when the server does not exist or belongs to another project
     */
    public String consoleLog(Session session, ServerId id, Integer lines) {
        if (lines != null && (lines < 1 || lines > MAX_CONSOLE_LINES)) {
            throw InvalidRequestException.of("lines", "must be between 1 and " + MAX_CONSOLE_LINES);
        }
        findOwned(session, id);
        return control.consoleLog(session, id, lines);
    }

    private static ServerAction requireResized(Server server, ServerAction action) {
        if (server.status() != ServerStatus.VERIFY_RESIZE) {
            throw new ConflictException("cannot " + action.name().replace('_', ' ') + ": the server is "
                    + server.status() + ", not VERIFY_RESIZE (waiting for a resize to be confirmed or reverted)");
        }
        return action;
    }

    /** The item whose id is {@code wanted}, else the one item so named. */
    private static <T> T pick(List<T> items, String wanted, Function<T, String> id, Function<T, String> name,
                              String field) {
        for (T item : items) {
            if (id.apply(item).equals(wanted)) {
                return item;
            }
        }
        List<T> named = items.stream().filter(item -> wanted.equals(name.apply(item))).toList();
        if (named.size() == 1) {
            return named.getFirst();
        }
        throw InvalidRequestException.of(field, named.isEmpty() ? "unknown " + field + " " + wanted
                : wanted + " names " + named.size() + " " + field + "s; give the id");
    }

    private Server findOwned(Session session, ServerId id) {
        return compute.findServer(session, id).filter(server -> server.projectId().equals(session.project().id()))
                .orElseThrow(() -> new NotFoundException("server", id.value()));
    }
}
