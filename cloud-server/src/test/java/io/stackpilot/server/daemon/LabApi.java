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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The v1 API of one daemon process as one lab user, for the lab tests: JSON in, JSON out, failures as errors. */
final class LabApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final DaemonProcess replica;
    private final String token;

    private LabApi(DaemonProcess replica, String token) {
        this.replica = replica;
        this.token = token;
    }

    /** Logs in through the daemon ({@code POST /api/v1/auth/tokens}). */
    static LabApi login(DaemonProcess replica, String user, String password, String project) {
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(replica.baseUrl() + "/api/v1/auth/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password
                        + "\",\"project\":\"" + project + "\"}")));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        return new LabApi(replica, json(login.body()).path("token").asText());
    }

    /** The same user on another replica. */
    LabApi on(DaemonProcess other) {
        return new LabApi(other, token);
    }

    JsonNode get(String path) {
        HttpResponse<String> response = send(request(path).GET());
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
        return json(response.body());
    }

    /** The id of the item named {@code name} in the list under {@code field}. */
    String idOf(String path, String field, String name) {
        for (JsonNode item : get(path).path(field)) {
            if (item.path("name").asText().equals(name)) {
                return item.path("id").asText();
            }
        }
        throw new AssertionError("no " + name + " in " + path);
    }

    /** The caller's servers in status ACTIVE. */
    int activeServers() {
        int active = 0;
        for (JsonNode server : get("/api/v1/servers?limit=200").path("servers")) {
            if (server.path("status").asText().equals("ACTIVE")) {
                active++;
            }
        }
        return active;
    }

    /** Launches an m1.tiny server; returns its id. */
    String launch(String name, String imageId, String networkId) {
        HttpResponse<String> response = send(request("/api/v1/servers").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\", \"flavor_id\": \"1\","
                        + " \"image_id\": \"" + imageId + "\", \"network_ids\": [\"" + networkId + "\"]}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response.body()).path("id").asText();
    }

    void delete(String id) {
        HttpResponse<String> response = send(request("/api/v1/servers/" + id).DELETE());
        assertThat(response.statusCode()).as(response.body()).isIn(202, 204, 404);
    }

    /** Deletes the caller's servers whose name starts with the prefix and waits until they are gone. */
    void deleteServersNamed(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> ids = new ArrayList<>();
            for (JsonNode server : get("/api/v1/servers?limit=200").path("servers")) {
                if (server.path("name").asText().startsWith(prefix)) {
                    ids.add(server.path("id").asText());
                }
            }
            if (ids.isEmpty() || System.nanoTime() > deadline) {
                return;
            }
            ids.forEach(this::delete);
            DaemonProcess.sleep(Duration.ofSeconds(2));
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(replica.baseUrl() + path)).header("X-Auth-Token", token)
                .timeout(Duration.ofSeconds(60));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
