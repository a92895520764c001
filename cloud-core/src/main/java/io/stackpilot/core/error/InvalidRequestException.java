package io.stackpilot.core.error;

import java.util.List;
import java.util.stream.Collectors;

/** The request is malformed; lists every problem found, not only the first. */
public final class InvalidRequestException extends StackpilotException {
    private final List<FieldProblem> problems;

    public InvalidRequestException(List<FieldProblem> problems) {
        this(problems, null);
    }

    public InvalidRequestException(List<FieldProblem> problems, String upstreamRequestId) {
        super(describe(problems), upstreamRequestId, null);
        this.problems = List.copyOf(problems);
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    private static String describe(List<FieldProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid request has at least one problem");
        }
        return problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; "));
    }
}
