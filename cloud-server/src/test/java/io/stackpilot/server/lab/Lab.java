package io.stackpilot.server.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The OpenStack lab reached directly, without Stackpilot: Keystone logins and plain GETs with the JDK's HTTP
 * client, so that tests compare what the server answers with what the cloud really has. Users and passwords are the
 * lab's defaults ({@code deploy/openstack-lab/README.md}), overridden by {@code LAB_USER_PASSWORD} and
 * {@code LAB_ADMIN_PASSWORD} as for {@code up}.
 */
final class Lab {
    static final String AUTH_URL = "http://127.0.0.1:5000/v3";
    static final String USER_PASSWORD = env("LAB_USER_PASSWORD", "demo");
    static final String ADMIN_PASSWORD = env("LAB_ADMIN_PASSWORD", "admin");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Lab() {
    }

    /** A project-scoped token and its catalog, straight from Keystone. */
    record Login(String token, JsonNode body) {
        /** The public URL of the service of this type in RegionOne. */
        String endpoint(String type) {
            for (JsonNode service : body.path("token").path("catalog")) {
                if (!service.path("type").asText().equals(type)) {
                    continue;
                }
                for (JsonNode endpoint : service.path("endpoints")) {
                    if (endpoint.path("interface").asText().equals("public")) {
                        return endpoint.path("url").asText().replaceAll("/$", "");
                    }
                }
            }
            throw new AssertionError("no public " + type + " endpoint in the catalog");
        }
    }

    /** Logs in as a user of a project in the same domain, with the lab's user password. */
    static Login login(String user, String project, String domain) {
        return login(user, USER_PASSWORD, project, domain);
    }

    /** Logs in as a user of a project in the same domain, e.g. admin with {@link #ADMIN_PASSWORD}. */
    static Login login(String user, String password, String project, String domain) {
        String body = """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "%s", \
                "domain": {"name": "%s"}, "password": "%s"}}}, "scope": {"project": {"name": "%s", \
                "domain": {"name": "%s"}}}}}""".formatted(user, domain, password, project, domain);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(AUTH_URL + "/auth/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 201) {
            throw new AssertionError("Keystone login of " + user + " failed: " + response.statusCode());
        }
        return new Login(response.headers().firstValue("X-Subject-Token").orElseThrow(), json(response.body()));
    }

    /** GET with a token; fails unless the answer is 200. */
    static JsonNode get(String url, String token) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", token)
                .header("Accept", "application/json").GET());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    /** POST of a JSON body with a token and extra headers; returns the answer whatever its status. */
    static HttpResponse<String> post(String url, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", token)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    /** DELETE with a token, ignoring the answer (clean-up). */
    static int delete(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", token).DELETE()).statusCode();
    }

    /** The OS_* variables of the lab's service account (admin in project admin). */
    /**
     * A daemon's environment with two locations: the lab's own cloud ({@code default}) and {@code cloudName}, the
     * same cloud as admin but with Nova reached through a local port ({@code compute_endpoint_override}), typically a
     * fault proxy the test opens and closes. Its clouds.yaml is written into {@code dir}. Modifiable.
     */
    static Map<String, String> withProxiedLocation(Path dir, String cloudName, int novaPort) {
        Path clouds = dir.resolve("clouds.yaml");
        try {
            Files.writeString(clouds, """
                    clouds:
                      %s:
                        auth: {auth_url: '%s', username: admin, password: '%s', project_name: admin,
                               user_domain_name: Default, project_domain_name: Default}
                        region_name: RegionOne
                        interface: public
                        compute_endpoint_override: http://127.0.0.1:%d/v2.1
                    """.formatted(cloudName, AUTH_URL, ADMIN_PASSWORD, novaPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>(serviceAccount());
        env.put("STACKPILOT_ALLOWED_PROJECTS", "demo");
        env.put("OS_CLIENT_CONFIG_FILE", clouds.toString());
        env.put("STACKPILOT_CLOUDS", "default," + cloudName);
        env.put("STACKPILOT_REGIONS", "default:RegionOne;" + cloudName + ":RegionOne");
        return env;
    }

    static Map<String, String> serviceAccount() {
        return Map.of("OS_AUTH_URL", AUTH_URL, "OS_USERNAME", "admin", "OS_PASSWORD", ADMIN_PASSWORD,
                "OS_PROJECT_NAME", "admin", "OS_USER_DOMAIN_NAME", "Default", "OS_PROJECT_DOMAIN_NAME", "Default",
                "OS_REGION_NAME", "RegionOne", "OS_INTERFACE", "public");
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
