package io.stackpilot.server.daemon;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends requests round-robin over the replicas that are still routable, the way a load balancer does once a
 * replica is taken out: {@link #withdraw} is called BEFORE a replica is killed or stopped, so no request is sent to
 * it afterwards. Every request carries its own {@code X-Request-Id} and is recorded with its outcome.
 */
final class RoundRobinLoad {
    /** The outcome of one request; {@code status} is 0 when no HTTP answer came (I/O error). */
    record Sent(String replica, String requestId, String method, String path, int status, String error,
                long sentNanos, long doneNanos) {
        boolean answered() {
            return status > 0;
        }

        boolean failed() {
            return status == 0 || status >= 500;
        }
    }

    private final List<DaemonProcess> replicas;
    private final ConcurrentHashMap<String, Long> withdrawnAt = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final AtomicLong next = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;
    private final ThreadLocal<String> lastBody = new ThreadLocal<>();

    RoundRobinLoad(List<DaemonProcess> replicas, String token) {
        this.replicas = List.copyOf(replicas);
        this.token = token;
    }

    /** Takes a replica out of the rotation; returns the moment (System.nanoTime) from which it gets no request. */
    long withdraw(DaemonProcess replica) {
        long now = System.nanoTime();
        withdrawnAt.put(replica.name(), now);
        return now;
    }

    /** When the replica was withdrawn, if it was. */
    Optional<Long> withdrawnAt(String replica) {
        return Optional.ofNullable(withdrawnAt.get(replica));
    }

    /** Sends one request to the next routable replica and records it. */
    Sent send(String method, String path, String body) {
        DaemonProcess replica = nextReplica();
        String requestId = "mr-" + replica.name() + "-" + next.get() + "-" + Thread.currentThread().threadId();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(replica.baseUrl() + path))
                .timeout(Duration.ofSeconds(60)).header("X-Request-Id", requestId).header("X-Auth-Token", token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json").header("Idempotency-Key", requestId);
        }
        long start = System.nanoTime();
        Sent outcome;
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            outcome = new Sent(replica.name(), requestId, method, path, response.statusCode(),
                    response.statusCode() >= 500 ? response.body() : null, start, System.nanoTime());
            lastBody.set(response.body());
        } catch (IOException e) {
            outcome = new Sent(replica.name(), requestId, method, path, 0, e.toString(), start, System.nanoTime());
            lastBody.remove();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        sent.add(outcome);
        return outcome;
    }

    /** The body of this thread's last answered request. */
    String lastBody() {
        return lastBody.get();
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    private DaemonProcess nextReplica() {
        List<DaemonProcess> routable = replicas.stream().filter(r -> !withdrawnAt.containsKey(r.name())).toList();
        if (routable.isEmpty()) {
            throw new IllegalStateException("no replica left");
        }
        return routable.get((int) (next.getAndIncrement() % routable.size()));
    }
}
