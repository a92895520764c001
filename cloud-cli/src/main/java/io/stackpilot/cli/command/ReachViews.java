package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.output.Details;
import io.stackpilot.cli.output.Listing;
import java.util.ArrayList;
import java.util.List;

/** How floating IPs, security groups, their rules and key pairs are shown, in lists and one at a time. */
final class ReachViews {
    private ReachViews() {
    }

    static Listing floatingIps(JsonNode list) {
        Listing listing = Listing.of("ID", "IP", "Server", "Fixed IP", "Status", "Network");
        for (JsonNode ip : list.path("floating_ips")) {
            listing = listing.withRow(JsonFields.text(ip, "id"), JsonFields.text(ip, "ip"),
                    JsonFields.text(ip, "server_id"), JsonFields.text(ip, "fixed_ip"), JsonFields.text(ip, "status"),
                    JsonFields.text(ip, "floating_network_id"));
        }
        return listing;
    }

    static Details floatingIp(JsonNode ip) {
        return Details.empty().with("ID", JsonFields.text(ip, "id")).with("IP", JsonFields.text(ip, "ip"))
                .with("Server", JsonFields.text(ip, "server_id")).with("Fixed IP", JsonFields.text(ip, "fixed_ip"))
                .with("Port", JsonFields.text(ip, "port_id")).with("Status", JsonFields.text(ip, "status"))
                .with("Network", JsonFields.text(ip, "floating_network_id"))
                .with("Project", JsonFields.text(ip, "project_id"));
    }

    static Listing securityGroups(JsonNode list) {
        Listing listing = Listing.of("ID", "Name", "Description", "Rules");
        for (JsonNode group : list.path("security_groups")) {
            listing = listing.withRow(JsonFields.text(group, "id"), JsonFields.text(group, "name"),
                    JsonFields.text(group, "description"), rules(group));
        }
        return listing;
    }

    static Details securityGroup(JsonNode group) {
        return Details.empty().with("ID", JsonFields.text(group, "id")).with("Name", JsonFields.text(group, "name"))
                .with("Description", JsonFields.text(group, "description"))
                .with("Project", JsonFields.text(group, "project_id")).with("Rules", rules(group));
    }

    static Listing ruleListing(JsonNode group) {
        Listing listing = Listing.of("ID", "Direction", "Ethertype", "Protocol", "Ports", "Remote");
        for (JsonNode rule : group.path("rules")) {
            listing = listing.withRow(JsonFields.text(rule, "id"), JsonFields.text(rule, "direction"),
                    JsonFields.text(rule, "ethertype"), JsonFields.text(rule, "protocol"), ports(rule),
                    remote(rule));
        }
        return listing;
    }

    static Details rule(JsonNode rule) {
        return Details.empty().with("ID", JsonFields.text(rule, "id"))
                .with("Direction", JsonFields.text(rule, "direction"))
                .with("Ethertype", JsonFields.text(rule, "ethertype"))
                .with("Protocol", JsonFields.text(rule, "protocol")).with("Ports", ports(rule))
                .with("Remote", remote(rule));
    }

    /** One line per rule, {@code <id> ingress IPv4 tcp 22 from 0.0.0.0/0}, as a list. */
    private static List<Object> rules(JsonNode group) {
        List<Object> rules = new ArrayList<>();
        for (JsonNode rule : group.path("rules")) {
            String protocol = JsonFields.text(rule, "protocol");
            String ports = ports(rule);
            String remote = remote(rule);
            rules.add(JsonFields.text(rule, "id") + " " + JsonFields.text(rule, "direction") + " "
                    + JsonFields.text(rule, "ethertype") + " " + (protocol == null ? "any" : protocol)
                    + (ports == null ? "" : " " + ports) + (remote == null ? "" : " " + remote));
        }
        return rules;
    }

    private static String ports(JsonNode rule) {
        Number min = JsonFields.number(rule, "port_range_min");
        Number max = JsonFields.number(rule, "port_range_max");
        if (min == null) {
            return null;
        }
        return min.equals(max) || max == null ? String.valueOf(min) : min + "-" + max;
    }

    private static String remote(JsonNode rule) {
        String prefix = JsonFields.text(rule, "remote_ip_prefix");
        String group = JsonFields.text(rule, "remote_group_id");
        return prefix != null ? prefix : group == null ? null : "group " + group;
    }

    static Listing keyPairs(JsonNode list) {
        Listing listing = Listing.of("Name", "Type", "Fingerprint");
        for (JsonNode keyPair : list.path("key_pairs")) {
            listing = listing.withRow(JsonFields.text(keyPair, "name"), JsonFields.text(keyPair, "type"),
                    JsonFields.text(keyPair, "fingerprint"));
        }
        return listing;
    }

    static Details keyPair(JsonNode keyPair) {
        return Details.empty().with("Name", JsonFields.text(keyPair, "name"))
                .with("Type", JsonFields.text(keyPair, "type"))
                .with("Fingerprint", JsonFields.text(keyPair, "fingerprint"))
                .with("Public key", JsonFields.text(keyPair, "public_key"));
    }
}
