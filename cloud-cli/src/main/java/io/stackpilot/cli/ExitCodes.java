package io.stackpilot.cli;

/** The process exit codes of {@code stackpilot}; scripts rely on them, so they never change meaning. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int USAGE = 2;
    public static final int NOT_FOUND = 3;
    public static final int CONFLICT_OR_INVALID = 4;
    public static final int AUTHENTICATION = 5;
    public static final int UPSTREAM_UNAVAILABLE = 6;

    private ExitCodes() {
    }
}
