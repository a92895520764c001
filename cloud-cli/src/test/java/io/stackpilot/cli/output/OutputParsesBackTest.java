package io.stackpilot.cli.output;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.stackpilot.cli.testing.CliRunner;
import io.stackpilot.cli.testing.FakeStackpilotApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every list command's {@code -f json}, {@code -f yaml} and {@code -f csv} read back, with parsers that are not ours
 * (Jackson, SnakeYAML Engine's YAML 1.2 core schema, Jackson's RFC 4180 CSV), to the same values — strings that a
 * careless writer turns into numbers, booleans, nulls, comments or broken lines included.
 */
class OutputParsesBackTest {
    static final List<String> TRICKY = List.of(".5", "yes", "No", "on", "null", "~", "0x1F", "0o17", "1e3", "-1",
            "+2", ".inf", "-.inf", ".NaN", "1:20", "2026-11-22", "  leading spaces", "trailing ", "a: b", "# hash",
            "x #y", "it's \"quoted\"", "two\nlines", "cr\r\nlf", "tab\there", "名前 ✓ émoji 🚀", "", "-", "- item",
            "? key", "@at", "`tick", "%pct", "!tag", "&anchor", "*alias", "[x]", "{y}", "a,b", "|", ">", "'",
            "\u0085nel", "line\u2028sep", "\uFEFFbom", "del\u007F", "back\\slash");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private final FakeStackpilotApi api = FakeStackpilotApi.start();

    @AfterEach
    void stop() {
        api.close();
    }

    @TestFactory
    Stream<DynamicTest> every_format_of_every_list_command_reads_back_as_the_same_values() {
        api.respond("GET", "/api/v1/flavors", 200, list("flavors", (flavor, name) -> flavor.put("name", name)
                .put("vcpus", 1).put("ram_mb", 512).put("disk_gb", 1.5).put("ephemeral_gb", 0).put("is_public", true)));
        api.respond("GET", "/api/v1/images", 200, list("images", (image, name) -> image.put("name", name)
                .put("status", name).put("visibility", "public").put("size_bytes", 21430272L)));
        api.respond("GET", "/api/v1/networks", 200, list("networks", (network, name) -> network.put("name", name)
                .put("status", "ACTIVE").put("shared", false).putArray("subnets").addObject().put("cidr", name)));
        api.respond("GET", "/api/v1/servers", 200, list("servers", (server, name) -> server.put("name", name)
                .put("status", "ACTIVE").put("preemptible", false).put("cloud", name).put("region", "RegionOne")
                .putObject("flavor").put("name", name)));
        api.respond("GET", "/api/v1/audit", 200, list("entries", (entry, name) -> entry.put("user_name", name)
                .put("path", "/api/v1/servers").put("status", 200).putNull("project_name")));
        api.respond("GET", "/api/v1/stats/servers", 200, list("points", (point, name) -> point.put("source", name)
                .put("at", "2026-11-22T05:00:00Z").put("running", 3)));
        api.respond("GET", "/api/v1/floating-ips", 200, list("floating_ips", (ip, name) -> ip.put("ip", name)
                .put("status", "DOWN").putNull("server_id").put("floating_network_id", name)));
        api.respond("GET", "/api/v1/security-groups", 200, list("security_groups", (group, name) -> {
            group.put("name", name).put("description", name).putArray("rules").addObject().put("id", name)
                    .put("direction", "ingress").put("ethertype", "IPv4").put("protocol", "tcp")
                    .put("port_range_min", 22).put("port_range_max", 22).put("remote_ip_prefix", name);
            return group;
        }));
        api.respond("GET", "/api/v1/key-pairs", 200, list("key_pairs", (keyPair, name) -> keyPair.put("name", name)
                .put("type", "ssh").put("fingerprint", name)));
        api.respond("GET", "/api/v1/schedules", 200, list("schedules", (schedule, name) -> {
            schedule.put("name", name).put("enabled", true).put("active", false).put("count", 2)
                    .put("next_start", "2026-11-22T05:00:00Z").putNull("next_end");
            schedule.putObject("window").put("from", "2026-11-22T05:00:00Z").put("until", "2026-11-22T06:00:00Z");
            schedule.putArray("servers");
            return schedule;
        }));
        api.respond("GET", "/api/v1/managed-servers", 200, list("managed_servers", (resource, name) -> {
            resource.put("name", name).put("managed", true).putObject("spec").put("flavor", name).put("image", name);
            resource.putObject("status").put("phase", "Ready").putNull("server_id").put("cloud", name)
                    .put("region", "RegionOne").putArray("addresses");
            return resource;
        }));
        api.respond("GET", "/api/v1/operations", 200, list("operations", (operation, name) -> operation
                .put("kind", "associate-floating-ip").put("state", "queued").put("target", name).put("attempts", 0)
                .put("reason", name).putNull("error").put("created_at", "2026-11-22T05:00:00Z")));
        api.respond("GET", "/api/v1/preemptions", 200, list("preemptions", (eviction, name) -> eviction
                .put("server_id", "id").put("name", name).put("flavor", name).put("preempted_by", name)
                .put("reason", name).put("preempted_at", "2026-11-22T05:00:00Z")));
        CliRunner cli = new CliRunner(directory).loggedInTo(api);
        for (String name : TRICKY) {
            cli.loggedInTo("ctx " + name, api.url());
        }
        Map<List<String>, String> commands = new LinkedHashMap<>();
        commands.put(List.of("flavor", "list"), "Name");
        commands.put(List.of("image", "list"), "Name");
        commands.put(List.of("network", "list"), "Name");
        commands.put(List.of("server", "list"), "Name");
        commands.put(List.of("server", "list", "--location", "all"), "Location");
        commands.put(List.of("audit", "list"), "User");
        commands.put(List.of("stats", "servers"), "Source");
        commands.put(List.of("context", "list"), "Name");
        commands.put(List.of("floating-ip", "list"), "IP");
        commands.put(List.of("security-group", "list"), "Name");
        commands.put(List.of("keypair", "list"), "Name");
        commands.put(List.of("schedule", "list"), "Name");
        commands.put(List.of("managed-server", "list"), "Name");
        commands.put(List.of("managed-server", "list", "--location", "all"), "Location");
        commands.put(List.of("operation", "list"), "Target");
        commands.put(List.of("preemption", "list"), "Name");
        return commands.entrySet().stream().map(command -> DynamicTest.dynamicTest(
                String.join(" ", command.getKey()), () -> {
                    List<Map<String, Object>> json = JSON.readValue(run(cli, command.getKey(), "json"),
                            new TypeReference<>() { });
                    List<Object> names = json.stream().map(row -> row.get(command.getValue())).toList();
                    assertThat(names).containsAll(command.getKey().get(0).equals("context")
                            ? TRICKY.stream().map(name -> "ctx " + name).toList()
                            : command.getValue().equals("Location")
                            ? TRICKY.stream().map(name -> name + "/RegionOne").toList() : TRICKY);

                    assertThat(numbersAsDecimals(yaml(run(cli, command.getKey(), "yaml"))))
                            .isEqualTo(numbersAsDecimals(json));
                    assertThat(csv(run(cli, command.getKey(), "csv"))).isEqualTo(texts(json));
                }));
    }

    private interface Filler {
        ObjectNode fill(ObjectNode item, String name);
    }

    private static String list(String field, Filler filler) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode items = body.putArray(field);
        for (int i = 0; i < TRICKY.size(); i++) {
            filler.fill(items.addObject().put("id", "id-" + i), TRICKY.get(i));
        }
        return body.toString();
    }

    private static String run(CliRunner cli, List<String> command, String format) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("-f", format));
        var result = cli.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.out();
    }

    private static Object yaml(String text) {
        return new Load(LoadSettings.builder().setSchema(new CoreSchema()).build()).loadFromString(text);
    }

    /** Rows as CSV has them: a header record, then strings. */
    private static List<Map<String, String>> csv(String text) throws IOException {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            return rows.readAll();
        }
    }

    private static List<Map<String, String>> texts(List<Map<String, Object>> rows) {
        List<Map<String, String>> texts = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, String> text = new LinkedHashMap<>();
            row.forEach((column, value) -> text.put(column, CellText.text(value)));
            texts.add(text);
        }
        return texts;
    }

    /** Integer, Long and Double as each parser chooses them, compared as numbers. */
    private static Object numbersAsDecimals(Object value) {
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(OutputParsesBackTest::numbersAsDecimals).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key, numbersAsDecimals(item)));
            return copy;
        }
        return value;
    }
}
