package io.stackpilot.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Turns an exception from a command into one line on stderr and an exit code ({@link ExitCodes}); the stack trace
 * follows only with {@code --debug}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine,
                                        CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        Object root = commandLine.getCommandSpec().root().userObject();
        CliException known = find(exception);
        int exitCode;
        if (known != null) {
            err.println(known.getMessage());
            exitCode = known.exitCode();
        } else if (exception instanceof UncheckedIOException io) {
            err.println(io.getMessage() + ": " + io.getCause().getMessage());
            exitCode = ExitCodes.INTERNAL;
        } else {
            err.println("internal error: " + exception
                    + (root instanceof Main main && main.debug() ? "" : " (run with --debug for details)"));
            exitCode = ExitCodes.INTERNAL;
        }
        if (root instanceof Main main && main.debug()) {
            exception.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    private static CliException find(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof CliException cli) {
                return cli;
            }
        }
        return null;
    }
}
