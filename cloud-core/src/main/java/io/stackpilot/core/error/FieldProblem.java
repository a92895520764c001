package io.stackpilot.core.error;

/** One invalid field of a request: its name (snake_case, as the API spells it) and what is wrong with it. */
public record FieldProblem(String field, String message) {
    public FieldProblem {
        if (field == null || field.isBlank() || message == null || message.isBlank()) {
            throw new IllegalArgumentException("field and message must not be blank");
        }
    }
}
