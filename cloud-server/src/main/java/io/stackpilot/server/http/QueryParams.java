package io.stackpilot.server.http;

import io.javalin.http.Context;
import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Reads typed query parameters of one request, collecting every problem; {@link #check()} throws them all. */
public final class QueryParams {
    private final Context ctx;
    private final List<FieldProblem> problems = new ArrayList<>();

    public QueryParams(Context ctx) {
        this.ctx = ctx;
    }

    public String text(String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value;
    }

    public Integer integer(String name, int min, int max) {
        return parse(name, value -> {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new IllegalArgumentException();
            }
            return number;
        }, "must be an integer from " + min + " to " + max);
    }

    public Instant instant(String name) {
        return parse(name, value -> {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(e);
            }
        }, "must be an ISO-8601 UTC timestamp such as 2026-11-22T06:00:00Z");
    }

    public UUID uuid(String name) {
        return parse(name, UUID::fromString, "must be an entry id from a previous page");
    }

    public <T> T parse(String name, Function<String, T> parser, String expectation) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (RuntimeException invalid) {
            problems.add(new FieldProblem(name, expectation));
            return null;
        }
    }

    public void problem(String name, String message) {
        problems.add(new FieldProblem(name, message));
    }

    public void check() {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
