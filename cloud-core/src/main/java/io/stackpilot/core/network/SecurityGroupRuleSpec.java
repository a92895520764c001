package io.stackpilot.core.network;

import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a security group rule allows: traffic in one direction ({@code ingress}/{@code egress}) of one ethertype
 * ({@code IPv4}/{@code IPv6}), optionally of one protocol ({@code tcp}, {@code udp}, {@code icmp}, ... or a number;
 * null for any), a port range (tcp/udp only, both ends or none) and a remote CIDR (null for anywhere). Validated
 * when made, every problem at once, with the API's snake_case field names.
 */
public record SecurityGroupRuleSpec(String direction, String ethertype, String protocol, Integer portRangeMin,
                                    Integer portRangeMax, String remoteIpPrefix) {
    private static final Set<String> DIRECTIONS = Set.of("ingress", "egress");
    private static final Set<String> ETHERTYPES = Set.of("IPv4", "IPv6");
    private static final Set<String> PORT_PROTOCOLS = Set.of("tcp", "udp", "sctp", "dccp", "udplite", "6", "17");
    private static final Pattern PROTOCOL = Pattern.compile("[a-z][a-z0-9-]{0,15}|[0-9]{1,3}");
    private static final Pattern CIDR = Pattern.compile("[0-9a-fA-F.:]{2,39}/[0-9]{1,3}");

    public SecurityGroupRuleSpec {
        protocol = protocol == null ? null : protocol.toLowerCase(Locale.ROOT);
        List<FieldProblem> problems = problems("", direction, ethertype, protocol, portRangeMin, portRangeMax,
                remoteIpPrefix);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    /** SSH from anywhere over IPv4, the rule a new VM usually needs first. */
    public static SecurityGroupRuleSpec sshFromAnywhere() {
        return new SecurityGroupRuleSpec("ingress", "IPv4", "tcp", 22, 22, "0.0.0.0/0");
    }

    /** The problems of a rule's values; {@code prefix} goes before each field name (e.g. {@code rules[0].}). */
    public static List<FieldProblem> problems(String prefix, String direction, String ethertype, String protocol,
                                              Integer portRangeMin, Integer portRangeMax, String remoteIpPrefix) {
        List<FieldProblem> problems = new ArrayList<>();
        if (direction == null || !DIRECTIONS.contains(direction)) {
            problems.add(new FieldProblem(prefix + "direction", "must be ingress or egress"));
        }
        if (ethertype == null || !ETHERTYPES.contains(ethertype)) {
            problems.add(new FieldProblem(prefix + "ethertype", "must be IPv4 or IPv6"));
        }
        String lowerProtocol = protocol == null ? null : protocol.toLowerCase(Locale.ROOT);
        if (lowerProtocol != null && !PROTOCOL.matcher(lowerProtocol).matches()) {
            problems.add(new FieldProblem(prefix + "protocol", "must be a protocol name such as tcp or a number"));
        }
        boolean ports = portRangeMin != null || portRangeMax != null;
        if (ports && (lowerProtocol == null || !PORT_PROTOCOLS.contains(lowerProtocol))) {
            problems.add(new FieldProblem(prefix + "port_range_min", "needs a protocol with ports, such as tcp"));
        } else if (ports && (portRangeMin == null || portRangeMax == null)) {
            problems.add(new FieldProblem(prefix + "port_range_min", "and port_range_max are given together"));
        } else if (ports && (portRangeMin < 1 || portRangeMax > 65535 || portRangeMin > portRangeMax)) {
            problems.add(new FieldProblem(prefix + "port_range_min", "must be 1..65535 and at most port_range_max"));
        }
        if (remoteIpPrefix != null && !CIDR.matcher(remoteIpPrefix).matches()) {
            problems.add(new FieldProblem(prefix + "remote_ip_prefix", "must be a CIDR such as 0.0.0.0/0"));
        } else if (remoteIpPrefix != null && ethertype != null
                && remoteIpPrefix.contains(":") != "IPv6".equals(ethertype)) {
            problems.add(new FieldProblem(prefix + "remote_ip_prefix", "must be of the rule's ethertype"));
        }
        return problems;
    }
}
