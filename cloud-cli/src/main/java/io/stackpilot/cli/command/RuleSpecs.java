package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackpilot.cli.CliException;
import io.stackpilot.cli.http.JsonTrees;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CLI's short form of a security group rule: {@code [ingress:|egress:]PROTOCOL[:PORT[-PORT]][@CIDR]}, e.g.
 * {@code tcp:22}, {@code tcp:8000-8080@10.0.0.0/8}, {@code icmp}, {@code egress:udp:53}, {@code any@::/0}. The
 * ethertype follows the CIDR (IPv6 when it has a colon, else IPv4); without a CIDR the rule allows any address.
 */
final class RuleSpecs {
    static final String DESCRIPTION = "Rule [ingress:|egress:]PROTOCOL[:PORT[-PORT]][@CIDR], e.g. tcp:22, "
            + "icmp, tcp:8000-8080@10.0.0.0/8, egress:udp:53 (PROTOCOL any: all protocols; repeatable).";
    private static final Pattern SPEC = Pattern.compile(
            "(?:(ingress|egress):)?([a-z0-9-]+)(?::([0-9]+)(?:-([0-9]+))?)?(?:@([0-9a-fA-F.:]+/[0-9]+))?");

    private RuleSpecs() {
    }

    /** The rule as the API's JSON; the server checks the values. */
    static ObjectNode parse(String spec) {
        Matcher match = SPEC.matcher(spec.strip().toLowerCase(java.util.Locale.ROOT));
        if (!match.matches()) {
            throw CliException.invalid("rule '" + spec + "' is not [ingress:|egress:]PROTOCOL[:PORT[-PORT]][@CIDR]");
        }
        ObjectNode rule = JsonTrees.object();
        rule.put("direction", match.group(1) == null ? "ingress" : match.group(1));
        String cidr = match.group(5);
        rule.put("ethertype", cidr != null && cidr.contains(":") ? "IPv6" : "IPv4");
        if (!match.group(2).equals("any")) {
            rule.put("protocol", match.group(2));
        }
        if (match.group(3) != null) {
            int min = Integer.parseInt(match.group(3));
            rule.put("port_range_min", min);
            rule.put("port_range_max", match.group(4) == null ? min : Integer.parseInt(match.group(4)));
        }
        if (cidr != null) {
            rule.put("remote_ip_prefix", cidr);
        }
        return rule;
    }
}
