package io.stackpilot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part 1: {@code GET /api/v1/{flavors,images,networks,servers}} through Stackpilot against the same user's direct
 * calls to Nova, Glance and Neutron with the same token, interleaved (A,B,B,A,...) so that load noise hits both
 * sides alike. The direct side makes the calls the server makes for that route (Neutron: networks and subnets,
 * concurrently, as a careful client would); for servers only {@code servers/detail} (the server also fetches
 * flavors and images in parallel to name them). The server's {@code /metrics} before and after each route gives
 * its own time per request and how much of it was spent waiting for OpenStack.
 *
 * <p>{@code LabLatency <stackpilot url> <keystone url> <user> <password> <project> <rounds>}
 */
public final class LabLatency {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Requests the server answers on a route before it is measured. The direct side is OpenStack's long-running
     * services; the server is a JVM started a moment ago, whose HTTP stack and handlers still run interpreted or
     * barely compiled for its first few hundred requests (a fresh server answered a warm catalog hit in 12 ms p50,
     * the same jar after ~10,000 requests in 5.4 ms, stub cloud, same load). Five warm-up requests measured its JIT,
     * not its steady latency.
     */
    private static final int SERVER_WARMUP = Integer.getInteger("bench.serverWarmup", 300);
    private static final Map<String, String> NOVA = Map.of("OpenStack-API-Version", "compute 2.46",
            "X-OpenStack-Nova-API-Version", "2.46");

    private final HttpClient stackpilotClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final HttpClient directClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String stackpilot;
    private final String token;

    private LabLatency(String stackpilot, String token) {
        this.stackpilot = stackpilot;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        String stackpilot = args[0];
        int rounds = Integer.parseInt(args[5]);
        HttpClient login = HttpClient.newHttpClient();
        String body = """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "%s",
                 "domain": {"name": "Default"}, "password": "%s"}}},
                 "scope": {"project": {"name": "%s", "domain": {"name": "Default"}}}}}"""
                .formatted(args[2], args[3], args[4]);
        HttpResponse<String> issued = login.send(HttpRequest.newBuilder(URI.create(args[1] + "/auth/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (issued.statusCode() != 201) {
            throw new IllegalStateException("Keystone login failed: " + issued.statusCode() + " " + issued.body());
        }
        String token = issued.headers().firstValue("X-Subject-Token").orElseThrow();
        Map<String, String> endpoints = publicEndpoints(JSON.readTree(issued.body()));
        String nova = endpoints.get("compute").replaceAll("/$", "");
        String glance = endpoints.get("image").replaceAll("/$", "") + "/v2";
        String neutron = endpoints.get("network").replaceAll("/$", "") + "/v2.0";

        // args[6]: "warm" (the server caches the catalog, default) or "off" (STACKPILOT_CATALOG_TTL=0); args[7]: routes
        String cache = args.length > 6 ? args[6] : "warm";
        List<String> routes = args.length > 7 ? List.of(args[7].split(","))
                : List.of("flavors", "images", "networks", "servers");
        LabLatency bench = new LabLatency(stackpilot, token);
        Map<String, List<String>> direct = Map.of("flavors", List.of(nova + "/flavors/detail"),
                "images", List.of(glance + "/images"),
                "networks", List.of(neutron + "/networks", neutron + "/subnets"),
                "servers", List.of(nova + "/servers/detail"));
        for (String route : routes) {
            bench.compare(route, direct.get(route), rounds, cache);
        }
    }

    /** The goals of issue 21: warm cache <= 0.5 of the direct call, cache off <= 1.15, a server list <= 1.1. */
    private static String target(String route, String cache) {
        return route.equals("servers") ? "1.1" : cache.equals("off") ? "1.15" : "0.5";
    }

    private void compare(String route, List<String> direct, int rounds, String cache) throws Exception {
        String path = "/api/v1/" + route;
        for (int warm = 0; warm < SERVER_WARMUP; warm++) {
            stackpilot(path);
        }
        for (int warm = 0; warm < 5; warm++) {
            stackpilot(path);
            direct(direct);
        }
        Map<String, Double> before = metrics();
        Samples viaStackpilot = new Samples();
        Samples viaDirect = new Samples();
        String loadBefore = Row.load();
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                viaStackpilot.add(stackpilot(path));
                viaDirect.add(direct(direct));
            } else {
                viaDirect.add(direct(direct));
                viaStackpilot.add(stackpilot(path));
            }
        }
        Map<String, Double> after = metrics();
        double requests = delta(before, after, "stackpilot_http_request_duration_seconds_count{method=\"GET\",route=\""
                + path + "\"}");
        double serverSeconds = delta(before, after, "stackpilot_http_request_duration_seconds_sum{method=\"GET\","
                + "route=\"" + path + "\"}");
        double upstreamCalls = sumDelta(before, after, "stackpilot_upstream_request_duration_seconds_count");
        double upstreamSeconds = sumDelta(before, after, "stackpilot_upstream_request_duration_seconds_sum");
        long p50 = viaStackpilot.median();
        long directP50 = viaDirect.median();
        Row.print("1 lab", "GET " + path + " p50 / p95, catalog cache " + (cache.equals("off") ? "off (TTL=0)"
                        : "on, warm"),
                Samples.ms(p50) + " / " + Samples.ms(viaStackpilot.percentile(95)),
                Samples.ms(directP50) + " / " + Samples.ms(viaDirect.percentile(95)),
                String.format("%.2f (p95 %.2f; target <= %s)", (double) p50 / directP50,
                        (double) viaStackpilot.percentile(95) / viaDirect.percentile(95), target(route, cache)),
                String.format("%d rounds A/B after %d warm-up requests to the server; server mean %.1f ms of which "
                                + "%.1f calls to OpenStack took %.1f ms (summed); direct: %s; %s -> %s", rounds,
                        SERVER_WARMUP, serverSeconds / requests * 1e3,
                        upstreamCalls / requests, upstreamSeconds / requests * 1e3,
                        direct.stream().map(url -> url.replaceAll("^https?://[^/]+", "")).toList(), loadBefore,
                        Row.load()));
    }

    private long stackpilot(String path) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = stackpilotClient.send(HttpRequest.newBuilder(URI.create(stackpilot + path))
                .header("X-Auth-Token", token).build(), HttpResponse.BodyHandlers.ofByteArray());
        long elapsed = System.nanoTime() - start;
        check(path, response);
        return elapsed;
    }

    /** The direct calls, concurrently when there are several (as the server makes them at best). */
    private long direct(List<String> urls) throws Exception {
        long start = System.nanoTime();
        if (urls.size() == 1) {
            check(urls.getFirst(), directClient.send(directRequest(urls.getFirst()),
                    HttpResponse.BodyHandlers.ofByteArray()));
            return System.nanoTime() - start;
        }
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<byte[]>>> calls = new ArrayList<>();
            for (String url : urls) {
                calls.add(threads.submit(() -> directClient.send(directRequest(url),
                        HttpResponse.BodyHandlers.ofByteArray())));
            }
            for (int i = 0; i < urls.size(); i++) {
                check(urls.get(i), calls.get(i).get());
            }
        }
        return System.nanoTime() - start;
    }

    private HttpRequest directRequest(String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", token);
        if (url.contains("/v2.1")) {
            NOVA.forEach(request::header);
        }
        return request.build();
    }

    private static void check(String what, HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": "
                    + new String(response.body()));
        }
    }

    private Map<String, Double> metrics() throws IOException, InterruptedException {
        String text = stackpilotClient.send(HttpRequest.newBuilder(URI.create(stackpilot + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> values = new HashMap<>();
        Matcher line = Pattern.compile("(?m)^(\\S+) (\\S+)$").matcher(text);
        while (line.find()) {
            values.put(line.group(1), Double.parseDouble(line.group(2)));
        }
        return values;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
        return after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0);
    }

    private static double sumDelta(Map<String, Double> before, Map<String, Double> after, String prefix) {
        return after.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToDouble(e -> e.getValue() - before.getOrDefault(e.getKey(), 0.0)).sum();
    }

    private static Map<String, String> publicEndpoints(JsonNode tokenBody) {
        Map<String, String> endpoints = new HashMap<>();
        for (JsonNode service : tokenBody.path("token").path("catalog")) {
            for (JsonNode endpoint : service.path("endpoints")) {
                if ("public".equals(endpoint.path("interface").asText())) {
                    endpoints.put(service.path("type").asText(), endpoint.path("url").asText());
                }
            }
        }
        return endpoints;
    }
}
