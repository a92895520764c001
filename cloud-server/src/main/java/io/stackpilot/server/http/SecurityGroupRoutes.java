package io.stackpilot.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.stackpilot.core.network.NewSecurityGroup;
import io.stackpilot.core.network.SecurityGroup;
import io.stackpilot.core.network.SecurityGroupRuleSpec;
import io.stackpilot.core.network.SecurityGroupService;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The caller's security groups: list, create with rules (201), show, delete (204), and one rule added (201) or
 * deleted (204). A rule is {@code {"direction", "ethertype", "protocol", "port_range_min", "port_range_max",
 * "remote_ip_prefix"}}; {@code ethertype} defaults to IPv4 and {@code direction} to ingress.
 */
public final class SecurityGroupRoutes implements RouteGroup {
    private static final Set<String> RULE_FIELDS = Set.of("direction", "ethertype", "protocol", "port_range_min",
            "port_range_max", "remote_ip_prefix");
    private final SecurityGroupService groups;
    private final ObjectMapper mapper;

    public SecurityGroupRoutes(SecurityGroupService groups, ObjectMapper mapper) {
        this.groups = groups;
        this.mapper = mapper;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/security-groups", ctx -> ctx.json(
                        new ReachJson.SecurityGroups(groups.list(RequestState.session(ctx)).stream()
                                .map(ReachJson.SecurityGroupJson::of).toList()))),
                ApiRoute.authenticated(HandlerType.POST, "/api/v1/security-groups", this::create),
                ApiRoute.authenticated(HandlerType.GET, "/api/v1/security-groups/{id}", ctx -> ctx.json(
                        ReachJson.SecurityGroupJson.of(groups.get(RequestState.session(ctx), id(ctx))))),
                ApiRoute.authenticated(HandlerType.DELETE, "/api/v1/security-groups/{id}", ctx -> {
                    groups.delete(RequestState.session(ctx), id(ctx));
                    ctx.status(204);
                }),
                ApiRoute.authenticated(HandlerType.POST, "/api/v1/security-groups/{id}/rules", this::addRule),
                ApiRoute.authenticated(HandlerType.DELETE, "/api/v1/security-groups/{id}/rules/{rule_id}", ctx -> {
                    groups.deleteRule(RequestState.session(ctx), id(ctx),
                            PathUuid.of(ctx, "rule_id", "security group rule"));
                    ctx.status(204);
                }));
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.read(ctx, mapper, Set.of("name", "description", "rules"));
        String name = body.text("name");
        String description = body.text("description");
        List<SecurityGroupRuleSpec> rules = new ArrayList<>();
        JsonNode given = body.node("rules");
        if (given != null && !given.isNull() && !given.isArray()) {
            body.problem("rules", "must be an array of rules");
        } else if (given != null && given.isArray()) {
            for (int i = 0; i < given.size(); i++) {
                SecurityGroupRuleSpec rule = rule(body, given.get(i), "rules[" + i + "].");
                if (rule != null) {
                    rules.add(rule);
                }
            }
        }
        NewSecurityGroup spec = body.validated(() -> new NewSecurityGroup(name, description, rules));
        SecurityGroup created = groups.create(RequestState.session(ctx), spec);
        ctx.header("Location", "/api/v1/security-groups/" + created.id());
        ctx.status(201).json(ReachJson.SecurityGroupJson.of(created));
    }

    private void addRule(Context ctx) {
        String id = id(ctx);
        JsonBody body = JsonBody.read(ctx, mapper, RULE_FIELDS);
        SecurityGroupRuleSpec rule = rule(body, readTree(body), "");
        body.validate(() -> { });
        ctx.status(201).json(ReachJson.RuleJson.of(groups.addRule(RequestState.session(ctx), id, rule)));
    }

    private static JsonNode readTree(JsonBody body) {
        com.fasterxml.jackson.databind.node.ObjectNode node = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode();
        for (String field : RULE_FIELDS) {
            if (body.node(field) != null) {
                node.set(field, body.node(field));
            }
        }
        return node;
    }

    /** The rule of {@code node}, or null with its problems noted in the body under {@code prefix}. */
    private static SecurityGroupRuleSpec rule(JsonBody body, JsonNode node, String prefix) {
        if (node == null || !node.isObject()) {
            body.problem(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), "must be a rule object");
            return null;
        }
        int before = body.problems().size();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!RULE_FIELDS.contains(name)) {
                body.problem(prefix + name, "is not a known field");
            }
        }
        String direction = text(body, node, prefix, "direction", "ingress");
        String ethertype = text(body, node, prefix, "ethertype", "IPv4");
        String protocol = text(body, node, prefix, "protocol", null);
        Integer min = port(body, node, prefix, "port_range_min");
        Integer max = port(body, node, prefix, "port_range_max");
        String remote = text(body, node, prefix, "remote_ip_prefix", null);
        List<io.stackpilot.core.error.FieldProblem> problems = SecurityGroupRuleSpec.problems(prefix, direction,
                ethertype, protocol, min, max, remote);
        problems.forEach(problem -> body.problem(problem.field(), problem.message()));
        return body.problems().size() == before ? new SecurityGroupRuleSpec(direction, ethertype, protocol, min, max,
                remote) : null;
    }

    private static String text(JsonBody body, JsonNode node, String prefix, String field, String fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            body.problem(prefix + field, "must be a string");
            return fallback;
        }
        return value.asText();
    }

    private static Integer port(JsonBody body, JsonNode node, String prefix, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            body.problem(prefix + field, "must be a whole number");
            return null;
        }
        return value.asInt();
    }

    private static String id(Context ctx) {
        return PathUuid.of(ctx, "id", "security group");
    }
}
