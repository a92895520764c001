package io.stackpilot.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.server.FuzzRequest;
import io.stackpilot.server.FuzzRequest.Header;
import io.stackpilot.server.fuzz.ApiOperations.Operation;
import io.stackpilot.server.fuzz.ApiOperations.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates the requests of the fuzz suite: try {@code n} of seed {@code s} is for operation {@code n mod count} and
 * draws everything else from its own {@code SplittableRandom(s + n * golden gamma)}, so that one try can be generated
 * again alone. Most parts of a request are valid (so that it gets past the earlier checks); one or a few are hostile:
 * path ids, query values, headers (token, content type, request id, duplicates, bad names), the body (per the
 * operation's schema: valid, a field of the wrong type, missing or unknown fields, deep nesting, huge numbers, invalid
 * UTF-8, truncated) or the method. Secrets go only where secrets belong (the token headers, the login's password, a
 * launch's user data), and each request lists those it carries.
 */
final class RequestGenerator {
    static final String USER_DATA_SECRET = "fz-user-data-S3cret-4e1b";
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    /** Values a healthy request would carry, by field or parameter name (the fuzz cloud knows them). */
    private static final Map<String, List<String>> KNOWN = Map.ofEntries(
            Map.entry("username", List.of("\"demo\"")), Map.entry("project", List.of("\"demo\"")),
            Map.entry("user_domain", List.of("\"Default\"")), Map.entry("project_domain", List.of("\"Default\"")),
            Map.entry("flavor_id", List.of("\"1\"", "\"2\"")), Map.entry("flavor", List.of("\"m1.tiny\"", "\"1\"")),
            Map.entry("image_id", List.of("\"520efe7c-2c81-4460-ba82-a9a8f5d5d74a\"")),
            Map.entry("image", List.of("\"cirros-0.6-lab\"")),
            Map.entry("network_ids", List.of("[\"67203ef0-3d3a-4e1f-8af5-d83d0b90110b\"]")),
            Map.entry("networks", List.of("[\"private\"]", "[\"67203ef0-3d3a-4e1f-8af5-d83d0b90110b\"]")),
            Map.entry("server_id", List.of("\"" + FuzzCloud.SERVER_ID + "\"")),
            Map.entry("user_data", List.of("\"" + USER_DATA_SECRET + "\"")));

    private final long seed;

    RequestGenerator(long seed) {
        this.seed = seed;
    }

    FuzzRequest generate(List<Operation> operations, int attempt) {
        Hostile draw = new Hostile(new SplittableRandom(seed + attempt * GAMMA));
        // In turn, so that every operation gets its share of the tries, even a short run's.
        Operation operation = operations.get(attempt % operations.size());
        Set<String> secrets = new java.util.HashSet<>(Set.of(FuzzCloud.USER_TOKEN, FuzzCloud.USER_PASSWORD,
                FuzzCloud.SERVICE_PASSWORD, FuzzCloud.SERVICE_TOKEN, USER_DATA_SECRET));
        String method = operation.method();
        if (draw.chance(0.08)) {
            method = draw.pick(Hostile.METHODS);
        }
        List<Header> headers = new ArrayList<>();
        headers.addAll(requestId(draw, attempt));
        headers.addAll(credentials(draw, operation));
        for (Parameter header : operation.in("header")) {
            if (draw.chance(0.6)) {
                headers.add(new Header(header.name(), draw.chance(0.5) ? draw.uuid() : draw.pick(Hostile.SEGMENTS)));
            }
        }
        byte[] body = body(draw, operation);
        if (body != null || draw.chance(0.1)) {
            headers.add(new Header("Content-Type", draw.chance(0.8) ? "application/json"
                    : draw.pick(Hostile.CONTENT_TYPES)));
        }
        headers.addAll(oddHeaders(draw));
        String target = path(draw, operation) + query(draw, operation);
        return new FuzzRequest(attempt + " " + operation, method, target, headers, body, secrets);
    }

    private List<Header> requestId(Hostile draw, int attempt) {
        String own = "fz-" + Long.toHexString(seed) + "-" + attempt;
        if (!draw.chance(0.08)) {
            return List.of(new Header("X-Request-Id", own));
        }
        return switch (draw.below(5)) {
            case 0 -> List.of(new Header("X-Request-Id", own), new Header("X-Request-Id", own + "-twice"));
            case 1 -> List.of(new Header("X-Request-Id", "r".repeat(129)));
            case 2 -> List.of(new Header("X-Request-Id", "a b\u00fc"));
            case 3 -> List.of(new Header("X-Request-Id", ""));
            default -> List.of();
        };
    }

    /** Mostly the valid token in one of its two headers; else none, a wrong one, odd schemes and bytes. */
    private List<Header> credentials(Hostile draw, Operation operation) {
        String token = FuzzCloud.USER_TOKEN;
        if (draw.chance(operation.secured() ? 0.75 : 0.3)) {
            return List.of(draw.chance(0.5) ? new Header("X-Auth-Token", token)
                    : new Header("Authorization", "Bearer " + token));
        }
        return switch (draw.below(14)) {
            case 0 -> List.of();
            case 1 -> List.of(new Header("X-Auth-Token", "gAAAAA-not-a-token"));
            case 2 -> List.of(new Header("X-Auth-Token", token + "\u00e9"));
            case 3 -> List.of(new Header("X-Auth-Token", token + "\u20ac"));
            case 4 -> List.of(new Header("Authorization", "Bearer"));
            case 5 -> List.of(new Header("Authorization", "bearer  " + token));
            case 6 -> List.of(new Header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    ("demo:" + FuzzCloud.USER_PASSWORD).getBytes(StandardCharsets.UTF_8))));
            case 7 -> List.of(new Header("X-Auth-Token", token), new Header("X-Auth-Token", "gAAAAA-other"));
            case 8 -> List.of(new Header("X-Auth-Token", token), new Header("Authorization", "Bearer gAAAAA-x"));
            case 9 -> List.of(new Header("X-Auth-Token", token + "x".repeat(9000)));
            case 10 -> List.of(new Header("X-Auth-Token", token + "\u0001"));
            case 11 -> List.of(new Header("X-Auth-Token", ""));
            case 12 -> List.of(new Header("X-Auth-Token", " " + token + " "));
            default -> List.of(new Header("Authorization", "Bearer " + token + ", Bearer " + token));
        };
    }

    private static List<Header> oddHeaders(Hostile draw) {
        if (!draw.chance(0.1)) {
            return List.of();
        }
        return switch (draw.below(8)) {
            case 0 -> List.of(new Header("Accept", "text/html"));
            case 1 -> List.of(new Header("Accept", "*/*;q=bad, application/xml"));
            case 2 -> List.of(new Header("X Bad Name", "1"));
            case 3 -> List.of(new Header("X-\u00dc", "1"));
            case 4 -> List.of(new Header("Content-Length", "5"));
            case 5 -> List.of(new Header("Transfer-Encoding", "chunked"));
            case 6 -> List.of(new Header("User-Agent", "\u00fc\u00ff" + "u".repeat(600)));
            default -> List.of(new Header("Expect", "100-continue"));
        };
    }

    private static String path(Hostile draw, Operation operation) {
        String path = operation.path();
        for (Parameter parameter : operation.in("path")) {
            String value = draw.chance(0.5) ? valid(draw, parameter) : draw.pick(Hostile.SEGMENTS);
            path = path.replace("{" + parameter.name() + "}", value);
        }
        if (draw.chance(0.06)) {
            path = switch (draw.below(5)) {
                case 0 -> path + "/";
                case 1 -> "/" + path;
                case 2 -> path.toUpperCase(java.util.Locale.ROOT);
                case 3 -> path + "/..";
                default -> path.replace("/v1/", "/v1/./");
            };
        }
        return path;
    }

    private static String valid(Hostile draw, Parameter parameter) {
        if (parameter.name().equals("id")) {
            return draw.chance(0.5) ? FuzzCloud.SERVER_ID : draw.uuid();
        }
        return draw.word();
    }

    private static String query(Hostile draw, Operation operation) {
        List<String> pairs = new ArrayList<>();
        for (Parameter parameter : operation.in("query")) {
            if (draw.chance(0.4)) {
                String value = draw.chance(0.5) ? validQueryValue(draw, parameter.schema())
                        : draw.pick(Hostile.QUERY_VALUES);
                pairs.add(parameter.name() + "=" + value);
                if (draw.chance(0.1)) {
                    pairs.add(parameter.name() + "=" + draw.pick(Hostile.QUERY_VALUES));
                }
            }
        }
        if (draw.chance(0.1)) {
            pairs.add(switch (draw.below(6)) {
                case 0 -> "a%=1";
                case 1 -> "%zz=1";
                case 2 -> "flag";
                case 3 -> "";
                case 4 -> "token=" + FuzzCloud.USER_TOKEN;
                default -> "unknown=" + draw.pick(Hostile.QUERY_VALUES);
            });
        }
        return pairs.isEmpty() ? (draw.chance(0.05) ? "?" : "") : "?" + String.join("&", pairs);
    }

    private static String validQueryValue(Hostile draw, JsonNode schema) {
        if (schema.has("enum")) {
            return schema.path("enum").get(draw.below(schema.path("enum").size())).asText();
        }
        if (schema.path("type").asText().equals("integer")) {
            int min = schema.path("minimum").asInt(0);
            int max = schema.path("maximum").asInt(min + 100);
            return Integer.toString(min + draw.below(max - min + 1));
        }
        return draw.chance(0.5) ? draw.word() : draw.uuid();
    }

    private static byte[] body(Hostile draw, Operation operation) {
        if (operation.body() == null) {
            return draw.chance(0.08) ? bytes(draw.pick(Hostile.BODIES)) : null;
        }
        JsonNode schema = operation.body();
        return switch (draw.below(12)) {
            case 0, 1, 2, 3 -> bytes(object(draw, schema, Mutation.NONE));
            case 4 -> bytes(object(draw, schema, Mutation.WRONG_TYPE));
            case 5 -> bytes(object(draw, schema, Mutation.MISSING));
            case 6 -> bytes(object(draw, schema, Mutation.UNKNOWN));
            case 7 -> bytes(draw.chance(0.5) ? Hostile.nested(draw.pick(List.of(33, 1000, 100_000)), draw.chance(0.5))
                    : object(draw, schema, Mutation.NESTED));
            case 8 -> invalidUtf8(draw, object(draw, schema, Mutation.NONE));
            case 9 -> {
                String whole = object(draw, schema, Mutation.NONE);
                yield bytes(whole.substring(0, draw.below(Math.max(1, whole.length()))));
            }
            case 10 -> bytes(draw.chance(0.8) ? draw.pick(Hostile.BODIES) : "{\"a\":\"" + "z".repeat(1_100_000) + "\"}");
            default -> bytes(object(draw, schema, Mutation.UNQUOTED));
        };
    }

    private enum Mutation { NONE, WRONG_TYPE, MISSING, UNKNOWN, NESTED, UNQUOTED }

    /** A JSON object per the schema: required fields, some optional ones, with one mutation applied. */
    private static String object(Hostile draw, JsonNode schema, Mutation mutation) {
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        String victim = names.isEmpty() ? "a" : draw.pick(names);
        List<String> fields = new ArrayList<>();
        for (String name : names) {
            boolean present = required.contains(name) ? !(mutation == Mutation.MISSING && name.equals(victim))
                    : draw.chance(0.4) || name.equals(victim) && mutation != Mutation.MISSING;
            if (!present) {
                continue;
            }
            String value = value(draw, name, schema.path("properties").path(name));
            if (name.equals(victim)) {
                value = switch (mutation) {
                    case WRONG_TYPE -> draw.pick(Hostile.WRONG_TYPES);
                    case NESTED -> Hostile.nested(draw.pick(List.of(33, 2000)), draw.chance(0.5));
                    case UNQUOTED -> value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
                    default -> value;
                };
            }
            fields.add("\"" + name + "\":" + value);
        }
        if (mutation == Mutation.UNKNOWN) {
            fields.add("\"" + draw.pick(List.of("extra", "Name", "password", "__proto__", "")) + "\":1");
        }
        return "{" + String.join(",", fields) + "}";
    }

    private static String value(Hostile draw, String name, JsonNode schema) {
        if (name.equals("password")) {
            return draw.chance(0.7) ? "\"" + FuzzCloud.USER_PASSWORD + "\"" : "\"wrong\"";
        }
        if (KNOWN.containsKey(name) && draw.chance(0.8)) {
            return draw.pick(KNOWN.get(name));
        }
        if (schema.has("enum")) {
            return "\"" + schema.path("enum").get(draw.below(schema.path("enum").size())).asText() + "\"";
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText()
                : schema.path("type").asText();
        return switch (type) {
            case "boolean" -> draw.chance(0.5) ? "true" : "false";
            case "integer", "number" -> Integer.toString(draw.below(100));
            case "array" -> "[" + value(draw, "", schema.path("items")) + "]";
            case "object" -> schema.has("properties") ? object(draw, schema, Mutation.NONE) : "{}";
            default -> "\"" + draw.word() + "\"";
        };
    }

    /** The document with a byte sequence that is not UTF-8 inside its first string (or at its end). */
    private static byte[] invalidUtf8(Hostile draw, String json) {
        byte[] bad = draw.pick(List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82}));
        byte[] text = bytes(json);
        int at = json.indexOf(":\"");
        at = at < 0 ? text.length : at + 2;
        byte[] result = new byte[text.length + bad.length];
        System.arraycopy(text, 0, result, 0, at);
        System.arraycopy(bad, 0, result, at, bad.length);
        System.arraycopy(text, at, result, at + bad.length, text.length - at);
        return result;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
