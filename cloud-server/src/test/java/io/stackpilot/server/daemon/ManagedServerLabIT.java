package io.stackpilot.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 against the lab, through HTTP, with the daemon as production wires it (the jar as a process, its embedded
 * PostgreSQL, the lab admin as service account, a reconcile interval of 3 s): declare -> Ready with addresses; the
 * VM deleted behind Stackpilot's back (Nova as admin) -> a new VM, events say why; os-resetState to error ->
 * replaced; a flavor change with manual -> Drifted, with replace -> replaced; an unmanaged import -> observed, its VM
 * deleted out of band -> Gone and not recreated; another import taken over with PUT managed:true -> recreated after an
 * out-of-band delete; bad input -> 400 listing every problem, nothing stored. Every VM is named edge-...; all are
 * deleted at the end. Prints BENCHMARK lines: declare -> Ready next to a plain POST /api/v1/servers -> ACTIVE.
 */
@Tag("lab-parallel") // runs two at a time with the others so tagged (cloud-server/pom.xml, lab profile)
class ManagedServerLabIT {
    private static final Duration INTERVAL = Duration.ofSeconds(3);
    private static final Duration CONVERGE = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SPEC = "{\"flavor\":\"FLAVOR\",\"image\":\"cirros-0.6-lab\",\"networks\":[\"private\"],"
            + "\"update_policy\":\"POLICY\"}";

    @TempDir
    Path temp;

    private DaemonProcess daemon;
    private String token;
    private Nova nova;

    @Test
    void declared_servers_are_kept_true_against_the_lab() {
        Map<String, String> env = new HashMap<>(LabEnvironment.serviceAccount());
        env.putAll(Map.of("STACKPILOT_ALLOWED_PROJECTS", "demo", "STACKPILOT_RECONCILE_INTERVAL", INTERVAL.toString(),
                "STACKPILOT_DATA_DIR", temp.resolve("data").toString(), "STACKPILOT_LOGIN_RATE_LIMIT", "off"));
        try (DaemonProcess process = DaemonProcess.launch("edge-lab", env, temp)) {
            daemon = process.awaitHealthy(Duration.ofSeconds(180));
            token = login();
            nova = Nova.asAdminIn("demo");
            try {
                journey();
            } finally {
                cleanUp();
            }
        }
    }

    private void journey() {
        // Declare -> Ready with the VM's addresses.
        long declared = System.nanoTime();
        assertThat(send("PUT", "/api/v1/managed-servers/edge-web", spec("m1.tiny", "manual")).statusCode())
                .isEqualTo(201);
        JsonNode ready = await("edge-web", r -> phase(r).equals("Ready") && !r.path("status").path("addresses")
                .isEmpty() && "ACTIVE".equals(r.path("status").path("server_status").asText()));
        double declareToReady = seconds(declared);
        String first = serverId(ready);
        assertThat(nova.metadata(first)).containsEntry("stackpilot:managed", ready.path("id").asText());

        // Deleted behind our back -> a new VM, and the events say why.
        nova.delete(first);
        JsonNode recreated = await("edge-web", r -> phase(r).equals("Ready") && !serverId(r).isEmpty()
                && !serverId(r).equals(first));
        assertThat(events("edge-web")).anyMatch(message -> message.contains(first) && message.contains("disappeared"));

        // Reset to ERROR -> replaced.
        String second = serverId(recreated);
        awaitServerActive(second);
        nova.resetToError(second);
        JsonNode replaced = await("edge-web", r -> phase(r).equals("Ready") && !serverId(r).equals(second)
                && "ACTIVE".equals(r.path("status").path("server_status").asText()));
        String third = serverId(replaced);

        // A flavor change with manual -> Drifted and left alone; with replace -> replaced.
        assertThat(send("PUT", "/api/v1/managed-servers/edge-web", spec("m1.small", "manual")).statusCode())
                .isEqualTo(200);
        JsonNode drifted = await("edge-web", r -> phase(r).equals("Drifted"));
        assertThat(serverId(drifted)).isEqualTo(third);
        send("PUT", "/api/v1/managed-servers/edge-web", spec("m1.small", "replace"));
        JsonNode resized = await("edge-web", r -> phase(r).equals("Ready") && !serverId(r).equals(third)
                && r.path("status").path("observed_generation").asLong() == r.path("generation").asLong());
        assertThat(nova.flavorOf(serverId(resized))).isEqualTo("m1.small");

        // Import unmanaged -> observed; deleted out of band -> Gone, not recreated.
        String legacy = launchAndAwaitActive("edge-legacy-1");
        JsonNode observed = importServer(legacy, "edge-legacy-1", false);
        assertThat(observed.path("managed").asBoolean()).isFalse();
        await("edge-legacy-1", r -> phase(r).equals("Ready"));
        nova.delete(legacy);
        await("edge-legacy-1", r -> phase(r).equals("Gone"));
        DaemonProcess.sleep(INTERVAL.multipliedBy(3));
        assertThat(phase(get("edge-legacy-1"))).isEqualTo("Gone");
        assertThat(nova.serversNamed("edge-legacy-1")).isEmpty();

        // Import another, take it over with PUT managed:true -> recreated after an out-of-band delete.
        String other = launchAndAwaitActive("edge-legacy-2");
        importServer(other, "edge-legacy-2", false);
        String takeOver = spec("m1.tiny", "manual").replace("{", "{\"managed\":true,");
        assertThat(send("PUT", "/api/v1/managed-servers/edge-legacy-2", takeOver).statusCode()).isEqualTo(200);
        await("edge-legacy-2", r -> phase(r).equals("Ready") && r.path("managed").asBoolean());
        nova.delete(other);
        await("edge-legacy-2", r -> phase(r).equals("Ready") && !serverId(r).isEmpty() && !serverId(r).equals(other));

        // Import as managed -> its network resolved to an id; deleted out of band -> recreated on that network.
        String imported = launchAndAwaitActive("edge-legacy-3");
        JsonNode managedImport = importServer(imported, "edge-legacy-3", true);
        assertThat(managedImport.path("spec").path("network_ids").size()).as(managedImport.toString()).isEqualTo(1);
        await("edge-legacy-3", r -> phase(r).equals("Ready"));
        nova.delete(imported);
        await("edge-legacy-3", r -> phase(r).equals("Ready") && !serverId(r).isEmpty()
                && !serverId(r).equals(imported));

        // Bad input -> 400 listing every problem, nothing stored.
        HttpResponse<String> bad = send("PUT", "/api/v1/managed-servers/edge-bad", "{\"flavor\":\"edge-no-flavor\","
                + "\"image\":\"edge-no-image\",\"networks\":[\"edge-no-network\"]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        json(bad.body()).path("errors").forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("flavor", "image", "networks");
        assertThat(send("GET", "/api/v1/managed-servers/edge-bad", null).statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/api/v1/managed-servers/Edge_Bad", spec("m1.tiny", "manual")).statusCode())
                .isEqualTo(400);

        long posted = System.nanoTime();
        launchAndAwaitActive("edge-plain");
        double postToActive = seconds(posted);
        System.out.printf("BENCHMARK edge: declare -> Ready %.1f s; plain POST /api/v1/servers -> ACTIVE %.1f s%n",
                declareToReady, postToActive);
    }

    private void cleanUp() {
        for (String name : List.of("edge-web", "edge-legacy-1", "edge-legacy-2")) {
            send("DELETE", "/api/v1/managed-servers/" + name, null);
        }
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (System.nanoTime() < deadline && json(send("GET", "/api/v1/managed-servers", null).body())
                .path("managed_servers").size() > 0) {
            DaemonProcess.sleep(Duration.ofSeconds(2));
        }
        nova.serversNamed("edge-").forEach(nova::delete);
    }

    private String launchAndAwaitActive(String name) {
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

    private void awaitServerActive(String id) {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (System.nanoTime() < deadline) {
            if ("ACTIVE".equals(json(send("GET", "/api/v1/servers/" + id, null).body()).path("status").asText())) {
                return;
            }
            DaemonProcess.sleep(Duration.ofMillis(500));
        }
        throw new AssertionError("server " + id + " not ACTIVE");
    }

    private JsonNode importServer(String serverId, String name, boolean managed) {
        HttpResponse<String> imported = send("POST", "/api/v1/managed-servers/imports", "{\"server_id\":\""
                + serverId + "\",\"name\":\"" + name + "\",\"managed\":" + managed + "}");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        return json(imported.body()).path("managed_servers").get(0);
    }

    private JsonNode await(String name, Predicate<JsonNode> condition) {
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

    private JsonNode get(String name) {
        HttpResponse<String> response = send("GET", "/api/v1/managed-servers/" + name, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    private List<String> events(String name) {
        List<String> messages = new ArrayList<>();
        json(send("GET", "/api/v1/managed-servers/" + name + "/events", null).body()).path("events")
                .forEach(event -> messages.add(event.path("reason").asText() + ": " + event.path("message").asText()));
        return messages;
    }

    private static String spec(String flavor, String policy) {
        return SPEC.replace("FLAVOR", flavor).replace("POLICY", policy);
    }

    private static String phase(JsonNode resource) {
        return resource.path("status").path("phase").asText();
    }

    private static String serverId(JsonNode resource) {
        return resource.path("status").path("server_id").asText("");
    }

    private static String find(JsonNode items, String name) {
        for (JsonNode item : items) {
            if (item.path("name").asText().equals(name)) {
                return item.path("id").asText();
            }
        }
        throw new AssertionError("no " + name + " in " + items);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private String login() {
        HttpResponse<String> login = send("POST", "/api/v1/auth/tokens",
                "{\"username\":\"demo\",\"password\":\"demo\",\"project\":\"demo\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        return json(login.body()).path("token").asText();
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(daemon.baseUrl() + path))
                .timeout(Duration.ofSeconds(60)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return Nova.send(request);
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nova as the lab admin scoped to a project: what "behind Stackpilot's back" means. */
    record Nova(String url, String token) {
        static Nova asAdminIn(String project) {
            HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:5000/v3/auth/tokens")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"auth\":{\"identity\":{\"methods\":[\"password\"],"
                            + "\"password\":{\"user\":{\"name\":\"admin\",\"domain\":{\"name\":\"Default\"},"
                            + "\"password\":\"admin\"}}},\"scope\":{\"project\":{\"name\":\"" + project + "\","
                            + "\"domain\":{\"name\":\"Default\"}}}}}")));
            assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
            String url = null;
            for (JsonNode service : json(login.body()).path("token").path("catalog")) {
                if (service.path("type").asText().equals("compute")) {
                    for (JsonNode endpoint : service.path("endpoints")) {
                        if (endpoint.path("interface").asText().equals("public")) {
                            url = endpoint.path("url").asText();
                        }
                    }
                }
            }
            return new Nova(url, login.headers().firstValue("X-Subject-Token").orElseThrow());
        }

        void delete(String id) {
            send(request("/servers/" + id).DELETE());
        }

        void resetToError(String id) {
            HttpResponse<String> reset = send(request("/servers/" + id + "/action").header("Content-Type",
                    "application/json").POST(HttpRequest.BodyPublishers.ofString(
                    "{\"os-resetState\":{\"state\":\"error\"}}")));
            assertThat(reset.statusCode()).as(reset.body()).isEqualTo(202);
        }

        Map<String, String> metadata(String id) {
            Map<String, String> metadata = new HashMap<>();
            json(send(request("/servers/" + id + "/metadata").GET()).body()).path("metadata").properties()
                    .forEach(entry -> metadata.put(entry.getKey(), entry.getValue().asText()));
            return metadata;
        }

        String flavorOf(String id) {
            return json(send(request("/servers/" + id).header("OpenStack-API-Version", "compute 2.47").GET())
                    .body()).path("server").path("flavor").path("original_name").asText();
        }

        List<String> serversNamed(String prefix) {
            List<String> ids = new ArrayList<>();
            json(send(request("/servers?name=" + prefix).GET()).body()).path("servers").forEach(server -> {
                if (server.path("name").asText().startsWith(prefix)) {
                    ids.add(server.path("id").asText());
                }
            });
            return ids;
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(url + path)).header("X-Auth-Token", token)
                    .timeout(Duration.ofSeconds(60));
        }

        static HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
