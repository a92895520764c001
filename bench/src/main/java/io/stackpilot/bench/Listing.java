package io.stackpilot.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Part 5: listing every server of a bench cloud holding {@code count} of them through a freshly started server,
 * first paged ({@code limit=1000}, following {@code next_marker}: each request holds one Nova page), then in one
 * request without a limit (the server follows Nova's paging and holds everything). After each phase the server
 * reports its peak heap (since the phase began) and its peak RSS (since it started). The client streams the
 * answers and only counts servers, so its own memory does not matter.
 *
 * <p>{@code Listing <server url> <token> <count> [<heap>]}: with a heap label, only checks whether each way of
 * listing succeeds on a server started with that (small) heap.
 */
public final class Listing {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory STREAMING = new JsonFactory();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String server;
    private final String token;

    private Listing(String server, String token) {
        this.server = server;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        Listing bench = new Listing(args[0], args[1]);
        int count = Integer.parseInt(args[2]);
        if (args.length > 3) {
            bench.tight(count, args[3]);
            return;
        }
        bench.phase(count, true);
        bench.phase(count, false);
    }

    /** On a server with a deliberately small heap: does each way of listing everything still work? */
    private void tight(int count, String heap) throws IOException, InterruptedException {
        String paged = outcome(count, true);
        String unpaged = outcome(count, false);
        Row.print("5 listing", String.format("%,d servers on a server with %s", count, heap),
                "paged: " + paged, "-", "one request without limit: " + unpaged,
                "paging keeps one Nova page (1,000 servers) per request in memory; " + Row.load());
    }

    private String outcome(int count, boolean paged) throws IOException, InterruptedException {
        try {
            int listed = listAll(paged);
            return listed == count ? "all listed" : "listed " + listed;
        } catch (IllegalStateException failed) {
            String message = failed.getMessage();
            return "failed (" + message.substring(message.indexOf("answered"), Math.min(message.length(),
                    message.indexOf("answered") + 12)) + ")";
        }
    }

    private void phase(int count, boolean paged) throws IOException, InterruptedException {
        for (int warm = 0; warm < 3; warm++) {
            listAll(paged);   // warm-up (JIT); the peaks are reset after it
        }
        memory("POST");
        Samples nanos = new Samples();
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            int listed = listAll(paged);
            nanos.add(System.nanoTime() - start);
            if (listed != count) {
                throw new IllegalStateException("listed " + listed + " of " + count + " servers");
            }
        }
        JsonNode memory = memory("GET");
        Row.print("5 listing", String.format("%,d servers, %s", count, paged
                        ? "paged: GET /api/v1/servers?limit=1000 + next_marker" : "one GET /api/v1/servers (no limit)"),
                Samples.ms(nanos.median()) + String.format(" (%.0f servers/s)", count / (nanos.median() / 1e9)),
                "-", String.format("server live heap peak %d MiB (heap peak %d MiB), RSS peak %d MiB",
                        memory.path("live_heap_peak_mib").asLong(), memory.path("heap_peak_mib").asLong(),
                        memory.path("rss_peak_mib").asLong()),
                String.format("median of 3 full listings after 3 warm-ups; live = most heap left after any of %d "
                        + "GCs; fresh server, -Xmx512m; %s", memory.path("collections").asLong(), Row.load()));
    }

    /** Lists every server, following the markers when paged; returns how many were listed. */
    private int listAll(boolean paged) throws IOException, InterruptedException {
        int listed = 0;
        String marker = null;
        do {
            String url = server + "/api/v1/servers" + (paged ? "?limit=1000" + (marker == null ? "" : "&marker="
                    + marker) : "");
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("X-Auth-Token", token).build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": "
                        + new String(response.body().readAllBytes()));
            }
            marker = null;
            try (InputStream body = response.body(); JsonParser parser = STREAMING.createParser(body)) {
                parser.nextToken();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (field.equals("servers")) {
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            parser.skipChildren();
                            listed++;
                        }
                    } else if (field.equals("next_marker") && value == JsonToken.VALUE_STRING) {
                        marker = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        } while (paged && marker != null);
        return listed;
    }

    private JsonNode memory(String method) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + "/bench/memory"));
        request = method.equals("POST") ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
        return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
