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
 * Polls one managed server until it is Ready (or gone), printing each phase change with the elapsed time to stderr.
 * Failed ends with exit 1, a resource deleted meanwhile with exit 3, the timeout with exit 6.
 */
final class ManagedServerWaiter {
    private final ApiClient api;
    private final PrintWriter progress;
    private final Duration interval;
    private final Duration timeout;

    ManagedServerWaiter(ApiClient api, PrintWriter progress, Duration interval, Duration timeout) {
        this.api = api;
        this.progress = progress;
        this.interval = interval;
        this.timeout = timeout;
    }

    /** Returns the resource once its phase is Ready for its current generation. */
    JsonNode untilReady(String name) {
        long start = System.nanoTime();
        String last = null;
        while (true) {
            JsonNode resource;
            try {
                resource = api.get(ManagedServerViews.path(name), Map.of());
            } catch (ApiException e) {
                if (e.status() == 404) {
                    throw CliException.notFound("managed server " + name + " was deleted after " + elapsed(start));
                }
                throw e;
            }
            JsonNode status = resource.path("status");
            String phase = JsonFields.text(status, "phase");
            last = report(name, phase, last, start);
            boolean current = status.path("observed_generation").asLong() >= resource.path("generation").asLong();
            if ("Ready".equals(phase) && current) {
                return resource;
            }
            if ("Failed".equals(phase) && current) {
                throw new CliException(ExitCodes.INTERNAL, "managed server " + name + " failed after "
                        + elapsed(start) + "; see stackpilot managed-server events " + name);
            }
            pause(start, name, "Ready");
        }
    }

    /** Returns once the resource answers 404. */
    void untilGone(String name) {
        long start = System.nanoTime();
        String last = null;
        while (true) {
            try {
                last = report(name, JsonFields.text(api.get(ManagedServerViews.path(name), Map.of()).path("status"),
                        "phase"), last, start);
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

    private String report(String name, String phase, String last, long start) {
        if (!String.valueOf(phase).equals(last)) {
            progress.println(name + ": " + phase + " (" + elapsed(start) + ")");
            progress.flush();
        }
        return String.valueOf(phase);
    }

    private void pause(long start, String name, String goal) {
        if (System.nanoTime() - start + interval.toNanos() > timeout.toNanos()) {
            throw new CliException(ExitCodes.UPSTREAM_UNAVAILABLE, "timed out after " + elapsed(start)
                    + " waiting for managed server " + name + " to be " + goal);
        }
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.INTERNAL, "interrupted while waiting", e);
        }
    }

    private static String elapsed(long start) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9);
    }
}
