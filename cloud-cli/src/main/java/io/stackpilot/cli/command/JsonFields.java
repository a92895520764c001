package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;

/** Cell values from JSON fields: null when the field is absent or JSON null. */
final class JsonFields {
    private JsonFields() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static Number number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : value.numberValue();
    }

    static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isBoolean() ? null : value.booleanValue();
    }
}
