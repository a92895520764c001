package io.stackpilot.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.server.problem.HttpProblemException;
import io.stackpilot.server.problem.ProblemKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A JSON object request body, read field by field so that every wrong type, unknown field and missing field is
 * reported together. Not thread-safe; one per request.
 */
public final class JsonBody {
    private final JsonNode root;
    private final List<FieldProblem> problems = new ArrayList<>();

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    /**
     * @throws HttpProblemException 415 when the body is not declared as JSON
     * @throws InvalidRequestException when it is not a JSON object
     */
    public static JsonBody read(Context ctx, ObjectMapper mapper, Set<String> knownFields) {
        // The header itself: the servlet's content type parses the charset and throws on one the JVM does not know.
        String contentType = ctx.header("Content-Type");
        if (contentType == null || !(contentType.startsWith("application/json")
                || contentType.matches("application/[a-z.+-]*\\+json.*"))) {
            throw new HttpProblemException(ProblemKind.UNSUPPORTED_MEDIA_TYPE,
                    "send the body as application/json");
        }
        JsonNode root;
        try {
            // The bytes, not ctx.body(): that decodes with the charset the client named, and an unknown one
            // ("charset=nope") threw past this parser into a 500. JSON is UTF-8 (RFC 8259), which Jackson reads.
            root = mapper.readTree(ctx.bodyAsBytes());
        } catch (StreamConstraintsException tooComplex) {
            // Nesting, size or length over the parser's limits (see ApiJsonMapper); Jackson gives no location for these.
            throw InvalidRequestException.of("body", "is nested too deeply or too long (at most "
                    + ApiJsonMapper.MAX_NESTING_DEPTH + " levels and " + ApiJsonMapper.MAX_DOCUMENT_BYTES + " bytes)");
        } catch (JsonProcessingException malformed) {
            JsonLocation where = malformed.getLocation();
            throw InvalidRequestException.of("body", where == null ? "is not valid JSON"
                    : "is not valid JSON (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")");
        } catch (IOException unreadable) {
            // Not thrown for bytes already in memory; the parser's signature names it.
            throw InvalidRequestException.of("body", "is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw InvalidRequestException.of("body", "must be a JSON object");
        }
        String withNul = firstWithNul(root, "");
        if (withNul != null) {
            // PostgreSQL's text and jsonb cannot hold U+0000: stored, it failed the statement (a 500).
            throw InvalidRequestException.of(withNul.isBlank() ? "body" : withNul,
                    "must not contain a NUL character (U+0000)");
        }
        JsonBody body = new JsonBody(root);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!knownFields.contains(name)) {
                // A blank name cannot name a field problem (the fuzz suite sent "": 1 and got a 500).
                body.problems.add(name.isBlank() ? new FieldProblem("body", "has a field with a blank name")
                        : new FieldProblem(name, "is not a known field"));
            }
        }
        return body;
    }

    /** The path (field.field or field[i]) of the first name or text holding U+0000, or null when none does. */
    private static String firstWithNul(JsonNode node, String path) {
        if (node.isTextual()) {
            return node.asText().indexOf('\u0000') >= 0 ? path : null;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = firstWithNul(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String inner = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (field.getKey().indexOf('\u0000') >= 0) {
                return path.isEmpty() ? "body" : path;
            }
            String found = firstWithNul(field.getValue(), inner);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The string value; null when absent or JSON null, or (with a problem noted) of another type. */
    public String text(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new FieldProblem(field, "must be a string"));
            return null;
        }
        return node.asText();
    }

    public boolean bool(String field, boolean fallback) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            problems.add(new FieldProblem(field, "must be true or false"));
            return fallback;
        }
        return node.asBoolean();
    }

    /** The boolean value; null when absent or JSON null, or (with a problem noted) of another type. */
    public Boolean optionalBool(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            problems.add(new FieldProblem(field, "must be true or false"));
            return null;
        }
        return node.asBoolean();
    }

    /**
     * The string {@code field} of the object {@code object} (e.g. {@code filter.name}); null when either is absent;
     * other types and unknown fields of the object noted.
     */
    public String objectText(String object, String field) {
        JsonNode node = root.get(object);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(new FieldProblem(object, "must be a JSON object"));
            return null;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(field)) {
                problems.add(new FieldProblem(object + "." + name, "is not a known field"));
            }
        }
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new FieldProblem(object + "." + field, "must be a string"));
            return null;
        }
        return value.asText();
    }

    /** The raw node of a field whose shape the caller checks itself (null when absent). */
    public JsonNode node(String field) {
        return root.get(field);
    }

    /** Notes a problem the caller found in a field. */
    public void problem(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    /** The problems noted so far (wrong types, unknown fields), in the order found. */
    public List<FieldProblem> problems() {
        return List.copyOf(problems);
    }

    /** The list of strings; empty when absent; wrong types noted. */
    public List<String> texts(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(new FieldProblem(field, "must be an array of strings"));
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                problems.add(new FieldProblem(field, "must be an array of strings"));
                return List.of();
            }
            values.add(element.asText());
        }
        return values;
    }

    public void require(String field, String value) {
        if ((value == null || value.isBlank()) && problems.stream().noneMatch(p -> p.field().equals(field))) {
            problems.add(new FieldProblem(field, "is required"));
        }
    }

    /**
     * Runs the domain's own validation and throws one error holding the body's problems and the domain's, at
     * most one per field.
     */
    public void validate(Runnable domainValidation) {
        validated(() -> {
            domainValidation.run();
            return null;
        });
    }

    /**
     * Makes the domain value (whose constructor validates) and throws one error holding the body's problems and the
     * domain's, at most one per field.
     */
    public <T> T validated(Supplier<T> domainValue) {
        List<FieldProblem> all = new ArrayList<>(problems);
        T value = null;
        try {
            value = domainValue.get();
        } catch (InvalidRequestException invalid) {
            for (FieldProblem problem : invalid.problems()) {
                if (all.stream().noneMatch(p -> p.field().equals(problem.field()))) {
                    all.add(problem);
                }
            }
        }
        if (!all.isEmpty()) {
            throw new InvalidRequestException(all);
        }
        return value;
    }
}
