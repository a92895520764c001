package io.stackpilot.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The operations of an OpenAPI 3.1 document as the fuzz suite needs them: method, path template, parameters with
 * their schemas, the JSON request body's schema ({@code $ref}s resolved), whether a token is required, and which
 * methods the path has (the others are "not allowed").
 */
record ApiOperations(List<Operation> operations) {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");

    ApiOperations {
        operations = List.copyOf(operations);
    }

    /** One parameter: where it goes ({@code path}, {@code query}, {@code header}), its name and schema. */
    record Parameter(String in, String name, JsonNode schema) {
    }

    record Operation(String method, String path, List<Parameter> parameters, JsonNode body, boolean secured,
                     Set<String> pathMethods) {
        Operation {
            parameters = List.copyOf(parameters);
            pathMethods = Set.copyOf(pathMethods);
        }

        List<Parameter> in(String where) {
            return parameters.stream().filter(p -> p.in().equals(where)).toList();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static ApiOperations of(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        boolean securedByDefault = document.path("security").size() > 0;
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            List<String> methods = path.getValue().propertyStream().map(Map.Entry::getKey).filter(METHODS::contains)
                    .toList();
            Set<String> upper = Set.copyOf(methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList());
            for (String method : methods) {
                JsonNode operation = path.getValue().path(method);
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode list : List.of(path.getValue().path("parameters"), operation.path("parameters"))) {
                    for (JsonNode parameter : list) {
                        JsonNode resolved = resolve(document, parameter);
                        parameters.add(new Parameter(resolved.path("in").asText(), resolved.path("name").asText(),
                                resolve(document, resolved.path("schema"))));
                    }
                }
                JsonNode body = resolve(document, operation.path("requestBody").path("content")
                        .path("application/json").path("schema"));
                boolean secured = operation.has("security") ? operation.path("security").size() > 0
                        : securedByDefault;
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), parameters,
                        body.isMissingNode() ? null : body, secured, upper));
            }
        }
        return new ApiOperations(operations);
    }

    /** The node a {@code $ref} points to (a local one, {@code #/...}), else the node itself. */
    static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = document.at(current.path("$ref").asText().substring(1));
        }
        return current;
    }
}
