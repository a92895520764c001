package io.stackpilot.server.daemon;

import static io.stackpilot.server.daemon.ManagedServerLab.phase;
import static io.stackpilot.server.daemon.ManagedServerLab.serverId;
import static io.stackpilot.server.daemon.ManagedServerLab.spec;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 against the lab, through HTTP, with the daemon as production wires it ({@link ManagedServerLab}: the jar
 * as a process, its embedded PostgreSQL, the lab admin as service account, a reconcile interval of 3 s): declare ->
 * Ready with addresses; the VM deleted behind Stackpilot's back (Nova as admin) -> a new VM, events say why;
 * os-resetState to error -> replaced; a flavor change with manual -> Drifted, with replace -> replaced; bad input ->
 * 400 listing every problem, nothing stored. Imports are {@link ManagedServerImportLabIT} (its own daemon, so that
 * the two run side by side). Every VM is named edge-...; all are deleted at the end. Prints BENCHMARK lines:
 * declare -> Ready next to a plain POST /api/v1/servers -> ACTIVE.
 */
@Tag("lab-parallel") // runs beside the others so tagged (cloud-server/pom.xml, lab profile)
class ManagedServerLabIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path temp;

    @Test
    void declared_servers_are_kept_true_against_the_lab() {
        try (ManagedServerLab lab = ManagedServerLab.start(temp, "edge-")) {
            journey(lab, lab.nova());
        }
    }

    private static void journey(ManagedServerLab lab, Nova nova) {
        // Declare -> Ready with the VM's addresses.
        long declared = System.nanoTime();
        assertThat(lab.send("PUT", "/api/v1/managed-servers/edge-web", spec("m1.tiny", "manual")).statusCode())
                .isEqualTo(201);
        JsonNode ready = lab.await("edge-web", r -> phase(r).equals("Ready") && !r.path("status").path("addresses")
                .isEmpty() && "ACTIVE".equals(r.path("status").path("server_status").asText()));
        double declareToReady = seconds(declared);
        String first = serverId(ready);
        assertThat(nova.metadata(first)).containsEntry("stackpilot:managed", ready.path("id").asText());

        // Deleted behind our back -> a new VM, and the events say why.
        nova.delete(first);
        JsonNode recreated = lab.await("edge-web", r -> phase(r).equals("Ready") && !serverId(r).isEmpty()
                && !serverId(r).equals(first));
        assertThat(lab.events("edge-web"))
                .anyMatch(message -> message.contains(first) && message.contains("disappeared"));

        // Reset to ERROR -> replaced.
        String second = serverId(recreated);
        lab.awaitServerActive(second);
        nova.resetToError(second);
        JsonNode replaced = lab.await("edge-web", r -> phase(r).equals("Ready") && !serverId(r).equals(second)
                && "ACTIVE".equals(r.path("status").path("server_status").asText()));
        String third = serverId(replaced);

        // A flavor change with manual -> Drifted and left alone; with replace -> replaced.
        assertThat(lab.send("PUT", "/api/v1/managed-servers/edge-web", spec("m1.small", "manual")).statusCode())
                .isEqualTo(200);
        JsonNode drifted = lab.await("edge-web", r -> phase(r).equals("Drifted"));
        assertThat(serverId(drifted)).isEqualTo(third);
        lab.send("PUT", "/api/v1/managed-servers/edge-web", spec("m1.small", "replace"));
        JsonNode resized = lab.await("edge-web", r -> phase(r).equals("Ready") && !serverId(r).equals(third)
                && r.path("status").path("observed_generation").asLong() == r.path("generation").asLong());
        assertThat(nova.flavorOf(serverId(resized))).isEqualTo("m1.small");

        // Bad input -> 400 listing every problem, nothing stored.
        HttpResponse<String> bad = lab.send("PUT", "/api/v1/managed-servers/edge-bad",
                "{\"flavor\":\"edge-no-flavor\",\"image\":\"edge-no-image\",\"networks\":[\"edge-no-network\"]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        json(bad.body()).path("errors").forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("flavor", "image", "networks");
        assertThat(lab.send("GET", "/api/v1/managed-servers/edge-bad", null).statusCode()).isEqualTo(404);
        assertThat(lab.send("PUT", "/api/v1/managed-servers/Edge_Bad", spec("m1.tiny", "manual")).statusCode())
                .isEqualTo(400);

        long posted = System.nanoTime();
        lab.launchAndAwaitActive("edge-plain");
        double postToActive = seconds(posted);
        System.out.printf("BENCHMARK edge: declare -> Ready %.1f s; plain POST /api/v1/servers -> ACTIVE %.1f s%n",
                declareToReady, postToActive);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
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
