package io.stackpilot.cli.output;

import picocli.CommandLine;

import java.util.List;

/** Column selection shared by listings and details. */
final class ColumnSelection {
    private ColumnSelection() {
    }

    static int[] indexes(List<String> known, List<String> wanted) {
        int[] indexes = new int[wanted.size()];
        for (int i = 0; i < wanted.size(); i++) {
            indexes[i] = known.indexOf(wanted.get(i));
            if (indexes[i] < 0) {
                throw new UnknownColumnException("no column named '" + wanted.get(i) + "'; the columns are: "
                        + String.join(", ", known));
            }
        }
        return indexes;
    }

    /** A wrong {@code -c}: a usage error (exit code 2). */
    static final class UnknownColumnException extends CommandLine.PicocliException {
        UnknownColumnException(String message) {
            super(message);
        }
    }
}
