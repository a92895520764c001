package io.stackpilot.core.compute;

import io.stackpilot.core.error.InvalidRequestException;

/**
 * A change of a running server's power state, size or disk asked of the cloud. Each action names the status it
 * leads to ({@link #goal()}) and the statuses in which it is already done ({@link #doneIn()}): asking for a done
 * action again is no error (a stop of a stopped server succeeds without a call to the cloud).
 */
public sealed interface ServerAction {

    /** The action's name as the API spells it ({@code start}, {@code confirm_resize}, ...). */
    String name();

    /** The status the server is in once the cloud has carried the action out. */
    ServerStatus goal();

    /** True when a server in {@code status} needs nothing more for this action. */
    default boolean doneIn(ServerStatus status) {
        return false;
    }

    /** Powers a stopped server on; done when it is ACTIVE. */
    record Start() implements ServerAction {
        @Override
        public String name() {
            return "start";
        }

        @Override
        public ServerStatus goal() {
            return ServerStatus.ACTIVE;
        }

        @Override
        public boolean doneIn(ServerStatus status) {
            return status == ServerStatus.ACTIVE;
        }
    }

    /** Powers a server off (it keeps its resources); done when it is SHUTOFF. */
    record Stop() implements ServerAction {
        @Override
        public String name() {
            return "stop";
        }

        @Override
        public ServerStatus goal() {
            return ServerStatus.SHUTOFF;
        }

        @Override
        public boolean doneIn(ServerStatus status) {
            return status == ServerStatus.SHUTOFF;
        }
    }

    /** A soft (ACPI) or hard (power cycle) reboot; never "done": every reboot reboots. */
    record Reboot(boolean hard) implements ServerAction {
        @Override
        public String name() {
            return "reboot";
        }

        @Override
        public ServerStatus goal() {
            return ServerStatus.ACTIVE;
        }
    }

    /**
     * Moves the server to another flavor (by id or name); it then waits in VERIFY_RESIZE for {@link ConfirmResize}
     * or {@link RevertResize}. Done when it already waits in VERIFY_RESIZE with this flavor.
     */
    record Resize(String flavorId) implements ServerAction {
        public Resize {
            if (flavorId == null || flavorId.isBlank()) {
                throw InvalidRequestException.of("flavor", "is required for resize");
            }
        }

        @Override
        public String name() {
            return "resize";
        }

        @Override
        public ServerStatus goal() {
            return ServerStatus.VERIFY_RESIZE;
        }
    }

    /** Keeps the new flavor of a resized server (VERIFY_RESIZE -> ACTIVE). */
    record ConfirmResize() implements ServerAction {
        @Override
        public String name() {
            return "confirm_resize";
        }

        @Override
        public ServerStatus goal() {
            return ServerStatus.ACTIVE;
        }
    }

    /** Goes back to the old flavor of a resized server (VERIFY_RESIZE -> REVERT_RESIZE -> ACTIVE). */
    record RevertResize() implements ServerAction {
        @Override
        public String name() {
            return "revert_resize";
        }

        @Override
        public ServerStatus goal() {
            return ServerStatus.ACTIVE;
        }
    }

    /** Replaces the server's disk with a fresh one from the image (by id or name); it keeps id, addresses, flavor. */
    record Rebuild(String imageId) implements ServerAction {
        public Rebuild {
            if (imageId == null || imageId.isBlank()) {
                throw InvalidRequestException.of("image", "is required for rebuild");
            }
        }

        @Override
        public String name() {
            return "rebuild";
        }

        @Override
        public ServerStatus goal() {
            return ServerStatus.ACTIVE;
        }
    }
}
