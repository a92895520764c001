package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.stackpilot.openstack.CloudSettings;
import io.stackpilot.persistence.DatabaseSettings;
import io.stackpilot.server.config.DaemonConfig;
import io.stackpilot.server.http.ApiRoute;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps deploy/ and the code in step: manifests parse, probes hit served routes, every variable set is read. */
class DeploymentManifestsTest {
    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
    private static final ObjectMapper YAML = new YAMLMapper();

    @Test
    void every_kubernetes_file_parses() throws IOException {
        List<Path> files = yamlFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(9);
        for (Path file : files) {
            assertThat(documents(file)).as(file.toString()).isNotEmpty()
                    .allSatisfy(document -> assertThat(document.isObject()).as(file.toString()).isTrue());
        }
    }

    @Test
    void deployment_runs_three_non_root_read_only_replicas_with_resources() {
        JsonNode spec = manifest("Deployment").path("spec");
        assertThat(spec.path("replicas").asInt()).isEqualTo(3);
        JsonNode container = spec.path("template").path("spec").path("containers").get(0);
        assertThat(container.path("resources").path("requests").path("memory").asText()).isNotEmpty();
        assertThat(container.path("resources").path("limits").path("memory").asText()).isNotEmpty();
        assertThat(container.path("resources").path("requests").path("cpu").asText()).isNotEmpty();
        JsonNode security = container.path("securityContext");
        assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(spec.path("template").path("spec").path("securityContext").path("runAsNonRoot").asBoolean())
                .isTrue();
    }

    @Test
    void probes_ask_paths_the_server_serves() {
        JsonNode container = manifest("Deployment").path("spec").path("template").path("spec").path("containers")
                .get(0);
        Set<String> served = new TreeSet<>();
        try (TestServer server = TestServer.start()) {
            server.server.routes().stream().filter(route -> route.method().name().equals("GET"))
                    .map(ApiRoute::path).forEach(served::add);
        }
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            String path = container.path(probe).path("httpGet").path("path").asText();
            assertThat(served).as(probe).contains(path);
        }
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
    }

    @Test
    void grace_period_covers_the_pre_stop_sleep_and_the_shutdown_timeout() {
        JsonNode pod = manifest("Deployment").path("spec").path("template").path("spec");
        Duration shutdown = DaemonConfig.fromEnvironment(kubernetesEnvironment()).shutdownTimeout();
        JsonNode preStop = pod.path("containers").get(0).path("lifecycle").path("preStop").path("exec")
                .path("command");
        long preStopSeconds = preStop.get(0).asText().equals("sleep") ? preStop.get(1).asLong() : 0;
        // The shutdown timeout bounds the whole stop; 10 s more for the JVM's exit and the embedded database.
        assertThat(pod.path("terminationGracePeriodSeconds").asLong())
                .isGreaterThanOrEqualTo(preStopSeconds + shutdown.toSeconds() + 10);
    }

    /**
     * The graceful stop (requests, audit drain, statistics job, database) ends within STACKPILOT_SHUTDOWN_TIMEOUT
     * all told; systemd's TimeoutStopSec must leave room beyond it (JVM exit, embedded PostgreSQL's fast stop).
     */
    @Test
    void systemd_stop_timeout_covers_the_shutdown_timeout_with_room_to_spare() throws IOException {
        Matcher stop = Pattern.compile("(?m)^TimeoutStopSec=(\\d+)s?$")
                .matcher(Files.readString(DEPLOY.resolve("systemd/stackpilot.service")));
        assertThat(stop.find()).as("TimeoutStopSec in the unit").isTrue();
        Matcher example = Pattern.compile("(?m)^#?STACKPILOT_SHUTDOWN_TIMEOUT=(\\S+)$")
                .matcher(Files.readString(DEPLOY.resolve("systemd/stackpilot.env.example")));
        assertThat(example.find()).as("STACKPILOT_SHUTDOWN_TIMEOUT in the example").isTrue();
        Duration shutdown = Duration.parse(example.group(1));
        assertThat(shutdown).isEqualTo(DaemonConfig.fromEnvironment(Map.of("STACKPILOT_ALLOW_ALL_PROJECTS", "true"))
                .shutdownTimeout());
        assertThat(Duration.ofSeconds(Long.parseLong(stop.group(1)))).isGreaterThanOrEqualTo(shutdown.plusSeconds(10));
    }

    @Test
    void every_variable_the_deployment_files_set_is_one_the_daemon_reads() throws IOException {
        Set<String> names = new TreeSet<>(kubernetesEnvironment().keySet());
        names.addAll(systemdExampleVariables());
        Set<String> osVariables = osVariablesTheAdapterReads();
        assertThat(names).hasSizeGreaterThan(20);
        for (String name : names) {
            if (name.startsWith("OS_")) {
                assertThat(osVariables).as(name).contains(name);
            } else {
                assertThat(DaemonConfig.KNOWN_VARIABLES).as(name).contains(name);
            }
        }
    }

    @Test
    void the_base_template_refuses_to_start_until_an_overlay_replaces_the_allowlist_placeholders() {
        List<String> problems = new ArrayList<>();
        DaemonConfig.fromEnvironment(baseEnvironment(), problems);
        assertThat(problems).singleElement().asString().contains("STACKPILOT_ALLOWED_PROJECTS", "placeholder");
    }

    @Test
    void config_map_and_secret_give_a_configuration_without_problems() {
        Map<String, String> env = kubernetesEnvironment();
        List<String> problems = new ArrayList<>();
        DaemonConfig.fromEnvironment(env, problems);
        CloudSettings.fromEnvironment(env, problems);
        DatabaseSettings database = DatabaseSettings.fromEnvironment(env, problems);
        assertThat(problems).isEmpty();
        assertThat(database.isEmbedded()).as("several replicas need an external database").isFalse();
    }

    /**
     * What a pod of the example overlay holds: the base environment with the overlay's ConfigMap patch, which replaces
     * the allowlist placeholders (the server refuses to start with those).
     */
    private static Map<String, String> kubernetesEnvironment() {
        Map<String, String> env = baseEnvironment();
        Path patch = KUBERNETES.resolve("overlays").resolve("example").resolve("configmap-patch.yaml");
        documents(patch).getFirst().path("data").properties()
                .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    /** What a pod of the base template holds: ConfigMap data, Secret stringData, the Deployment's own env entries. */
    private static Map<String, String> baseEnvironment() {
        Map<String, String> env = new HashMap<>();
        manifest("ConfigMap").path("data").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        manifest("Secret").path("stringData").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        for (JsonNode variable : manifest("Deployment").path("spec").path("template").path("spec")
                .path("containers").get(0).path("env")) {
            env.put(variable.path("name").asText(), variable.has("value") ? variable.path("value").asText()
                    : "stackpilot-7d9f-abcde");
        }
        return env;
    }

    private static Set<String> systemdExampleVariables() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("(?m)^#?((?:STACKPILOT|OS)_[A-Z_]+)=")
                .matcher(Files.readString(DEPLOY.resolve("systemd/stackpilot.env.example")));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        Matcher unit = Pattern.compile("(?m)^Environment=((?:STACKPILOT|OS)_[A-Z_]+)=")
                .matcher(Files.readString(DEPLOY.resolve("systemd/stackpilot.service")));
        while (unit.find()) {
            names.add(unit.group(1));
        }
        return names;
    }

    /** The OS_* names in the adapter's sources: CloudSettings and its clouds.yaml reader name each one they read. */
    private static Set<String> osVariablesTheAdapterReads() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("..", "cloud-openstack-adapter", "src", "main", "java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher matcher = Pattern.compile("\"(OS_[A-Z_]+)\"").matcher(Files.readString(source));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    private static JsonNode manifest(String kind) {
        Path file = KUBERNETES.resolve("base").resolve(kind.toLowerCase(Locale.ROOT) + ".yaml");
        JsonNode document = documents(file).getFirst();
        assertThat(document.path("kind").asText()).isEqualTo(kind);
        return document;
    }

    private static List<JsonNode> documents(Path file) {
        try {
            return YAML.readValues(new YAMLFactory().createParser(file.toFile()), JsonNode.class).readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(KUBERNETES)) {
            return files.filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
                    .sorted().toList();
        }
    }
}
