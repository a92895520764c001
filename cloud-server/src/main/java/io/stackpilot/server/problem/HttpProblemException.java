package io.stackpilot.server.problem;

/** A problem the HTTP layer itself finds (wrong media type, ...), outside the core's error family. */
public final class HttpProblemException extends RuntimeException {
    private final ProblemKind kind;

    public HttpProblemException(ProblemKind kind, String detail) {
        super(detail);
        this.kind = kind;
    }

    public ProblemKind kind() {
        return kind;
    }
}
