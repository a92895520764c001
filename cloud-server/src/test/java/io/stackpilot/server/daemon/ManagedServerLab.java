package io.stackpilot.server.daemon;

import static io.stackpilot.server.daemon.ManagedServerLabIT.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One daemon process against the lab for the managed-server lab tests (issue 15), as production wires it: the jar,
 * its embedded PostgreSQL, the lab admin as service account, a reconcile interval of 3 s, demo logged in through it,
 * and Nova as admin in demo for what happens behind Stackpilot's back. Every VM the test makes is named with the
 * test's prefix; {@link #close()} deletes every managed server through the engine, then the VMs with the prefix,
 * then stops the daemon. Not thread-safe.
 */
final class ManagedServerLab implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofSeconds(3);
    static final Duration CONVERGE = Duration.ofMinutes(3);
    private static final String SPEC = "{\"flavor\":\"FLAVOR\",\"image\":\"cirros-0.6-lab\",\"networks\":[\"private\"],"
            + "\"update_policy\":\"POLICY\"}";

    private final DaemonProcess daemon;
    private final String prefix;
    private String token;
    private ManagedServerLabIT.Nova nova;

    private ManagedServerLab(DaemonProcess daemon, String prefix) {
        this.daemon = daemon;
        this.prefix = prefix;
    }

    /** Starts the daemon (its log and data under {@code temp}) and logs demo in; {@code prefix} names the VMs. */
    static ManagedServerLab start(Path temp, String prefix) {
        Map<String, String> env = new HashMap<>(LabEnvironment.serviceAccount());
        env.putAll(Map.of("STACKPILOT_ALLOWED_PROJECTS", "demo", "STACKPILOT_RECONCILE_INTERVAL", INTERVAL.toString(),
                "STACKPILOT_DATA_DIR", temp.resolve("data").toString(), "STACKPILOT_LOGIN_RATE_LIMIT", "off"));
        ManagedServerLab lab = new ManagedServerLab(DaemonProcess.launch(prefix + "lab", env, temp), prefix);
        try {
            lab.daemon.awaitHealthy(Duration.ofSeconds(180));
            lab.token = lab.login();
            lab.nova = ManagedServerLabIT.Nova.asAdminIn("demo");
            return lab;
        } catch (RuntimeException | AssertionError failed) {
            lab.daemon.close();
            throw failed;
        }
    }

    /** Nova as the lab admin in demo: what "behind Stackpilot's back" means. */
    ManagedServerLabIT.Nova nova() {
        return nova;
    }

    /** Launches a plain m1.tiny server through {@code POST /api/v1/servers} and waits until it is ACTIVE. */
    String launchAndAwaitActive(String name) {
        JsonNode flavors = json(send("GET", "/api/v1/flavors", null).body());
        String flavorId = find(flavors.path("flavors"), "m1.tiny");
        String imageId = find(json(send("GET", "/api/v1/images", null).body()).path("images"), "cirros-0.6-lab");
        String networkId = find(json(send("GET", "/api/v1/networks", null).body()).path("networks"), "private");
        HttpResponse<String> launched = send("POST", "/api/v1/servers", "{\"name\":\"" + name + "\",\"flavor_id\":\""
                + flavorId + "\",\"image_id\":\"" + imageId + "\",\"network_ids\":[\"" + networkId + "\"]}");
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
        String id = json(launched.body()).path("id").asText();
        awaitServerActive(id);
        return id;
    }

    void awaitServerActive(String id) {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (System.nanoTime() < deadline) {
            if ("ACTIVE".equals(json(send("GET", "/api/v1/servers/" + id, null).body()).path("status").asText())) {
                return;
            }
            DaemonProcess.sleep(Duration.ofMillis(500));
        }
        throw new AssertionError("server " + id + " not ACTIVE");
    }

    JsonNode importServer(String serverId, String name, boolean managed) {
        HttpResponse<String> imported = send("POST", "/api/v1/managed-servers/imports", "{\"server_id\":\""
                + serverId + "\",\"name\":\"" + name + "\",\"managed\":" + managed + "}");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        return json(imported.body()).path("managed_servers").get(0);
    }

    /** Polls the managed server until the condition holds; fails with its last state and events after 3 min. */
    JsonNode await(String name, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = get(name);
            if (condition.test(last)) {
                return last;
            }
            DaemonProcess.sleep(Duration.ofMillis(500));
        }
        throw new AssertionError(name + " never converged; last " + last + "\nevents " + events(name));
    }

    JsonNode get(String name) {
        HttpResponse<String> response = send("GET", "/api/v1/managed-servers/" + name, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    List<String> events(String name) {
        List<String> messages = new ArrayList<>();
        json(send("GET", "/api/v1/managed-servers/" + name + "/events", null).body()).path("events")
                .forEach(event -> messages.add(event.path("reason").asText() + ": " + event.path("message").asText()));
        return messages;
    }

    HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(daemon.baseUrl() + path))
                .timeout(Duration.ofSeconds(60)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return ManagedServerLabIT.Nova.send(request);
    }

    static String spec(String flavor, String policy) {
        return SPEC.replace("FLAVOR", flavor).replace("POLICY", policy);
    }

    static String phase(JsonNode resource) {
        return resource.path("status").path("phase").asText();
    }

    static String serverId(JsonNode resource) {
        return resource.path("status").path("server_id").asText("");
    }

    /** Deletes every managed server through the engine and waits until none is left, then the test's other VMs. */
    @Override
    public void close() {
        try {
            if (token != null) {
                for (JsonNode resource : managedServers()) {
                    send("DELETE", "/api/v1/managed-servers/" + resource.path("name").asText(), null);
                }
                long deadline = System.nanoTime() + CONVERGE.toNanos();
                while (System.nanoTime() < deadline && managedServers().size() > 0) {
                    DaemonProcess.sleep(Duration.ofSeconds(2));
                }
            }
            if (nova != null) {
                nova.serversNamed(prefix).forEach(nova::delete);
            }
        } finally {
            daemon.close();
        }
    }

    private JsonNode managedServers() {
        return json(send("GET", "/api/v1/managed-servers", null).body()).path("managed_servers");
    }

    private static String find(JsonNode items, String name) {
        for (JsonNode item : items) {
            if (item.path("name").asText().equals(name)) {
                return item.path("id").asText();
            }
        }
        throw new AssertionError("no " + name + " in " + items);
    }

    private String login() {
        HttpResponse<String> login = send("POST", "/api/v1/auth/tokens",
                "{\"username\":\"demo\",\"password\":\"demo\",\"project\":\"demo\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        return json(login.body()).path("token").asText();
    }
}
