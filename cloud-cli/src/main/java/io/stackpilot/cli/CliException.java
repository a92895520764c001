package io.stackpilot.cli;

/** A failure the CLI explains in one line and ends with a given exit code (see {@link ExitCodes}). */
public class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CliException notFound(String message) {
        return new CliException(ExitCodes.NOT_FOUND, message);
    }

    public static CliException invalid(String message) {
        return new CliException(ExitCodes.CONFLICT_OR_INVALID, message);
    }

    public static CliException notLoggedIn() {
        return new CliException(ExitCodes.AUTHENTICATION, "not logged in or session expired; run stackpilot login");
    }
}
