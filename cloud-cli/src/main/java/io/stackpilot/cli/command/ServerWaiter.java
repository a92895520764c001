package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.CliException;
import io.stackpilot.cli.ExitCodes;
import io.stackpilot.cli.http.ApiClient;
import io.stackpilot.cli.http.ApiException;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Polls one server until it reaches a final state, printing each status change with the elapsed time to stderr.
 * ERROR ends with exit 1, a vanished server (while waiting for a status) with exit 3, the timeout with exit 6.
 */
final class ServerWaiter {
    private final ApiClient api;
    private final PrintWriter progress;
    private final Duration interval;
    private final Duration timeout;

    ServerWaiter(ApiClient api, PrintWriter progress, Duration interval, Duration timeout) {
        this.api = api;
        this.progress = progress;
        this.interval = interval;
        this.timeout = timeout;
    }

    /** Returns the server once ACTIVE. */
    JsonNode untilActive(String id, String name) {
        return untilStatus(id, name, "ACTIVE");
    }

    /** Returns the server once its status is {@code goal} (e.g. SHUTOFF after a stop, VERIFY_RESIZE after a resize). */
    JsonNode untilStatus(String id, String name, String goal) {
        long start = System.nanoTime();
        String last = null;
        while (true) {
            JsonNode server;
            try {
                server = api.get(path(id), Map.of());
            } catch (ApiException e) {
                if (e.status() == 404) {
                    throw CliException.notFound("server " + name + " (" + id + ") disappeared after "
                            + elapsed(start));
                }
                throw e;
            }
            String status = JsonFields.text(server, "status");
            last = report(name, status, last, start);
            if (goal.equals(status)) {
                return server;
            }
            if ("ERROR".equals(status)) {
                throw new CliException(ExitCodes.INTERNAL, "server " + name + " (" + id + ") went to ERROR after "
                        + elapsed(start));
            }
            pause(start, name, goal);
        }
    }

    /**
     * Returns the server once the daemon's operation that gives it a floating IP succeeded; its failure (no external
     * network, quota) ends with exit 1 and the daemon's reason.
     */
    JsonNode untilFloatingIp(String id, String name) {
        long start = System.nanoTime();
        String last = null;
        while (true) {
            JsonNode server = api.get(path(id), Map.of());
            JsonNode operation = server.path("floating_ip");
            String state = operation.path("state").asText("none");
            last = report(name, "floating ip " + state, last, start);
            switch (state) {
                case "succeeded" -> {
                    return server;
                }
                case "failed", "cancelled", "none" -> throw new CliException(ExitCodes.INTERNAL, "server " + name
                        + " (" + id + ") got no floating ip: " + operation.path("error").asText(state)
                        + " (operation " + operation.path("operation_id").asText("none") + ")");
                default -> pause(start, name, "given a floating ip");
            }
        }
    }

    /** Returns once the server answers 404. */
    void untilGone(String id, String name) {
        long start = System.nanoTime();
        String last = null;
        while (true) {
            try {
                last = report(name, JsonFields.text(api.get(path(id), Map.of()), "status"), last, start);
            } catch (ApiException e) {
                if (e.status() == 404) {
                    progress.println(name + ": deleted (" + elapsed(start) + ")");
                    progress.flush();
                    return;
                }
                throw e;
            }
            pause(start, name, "deleted");
        }
    }

    private String report(String name, String status, String last, long start) {
        if (!String.valueOf(status).equals(last)) {
            progress.println(name + ": " + status + " (" + elapsed(start) + ")");
            progress.flush();
        }
        return String.valueOf(status);
    }

    private void pause(long start, String name, String goal) {
        if (System.nanoTime() - start + interval.toNanos() > timeout.toNanos()) {
            throw new CliException(ExitCodes.UPSTREAM_UNAVAILABLE, "timed out after " + elapsed(start)
                    + " waiting for server " + name + " to be " + goal);
        }
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.INTERNAL, "interrupted while waiting", e);
        }
    }

    private static String path(String id) {
        return "/api/v1/servers/" + ApiClient.segment(id);
    }

    private static String elapsed(long start) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9);
    }
}
