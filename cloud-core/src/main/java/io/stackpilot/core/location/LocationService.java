package io.stackpilot.core.location;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.error.StackpilotException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every configured location with its availability and capacity. The locations are asked at the same time, each
 * answer (or failure) kept for {@code ttl}; a list waits at most {@code answerWithin} and reports a location that has
 * not answered by then as unavailable, instead of holding up the others: a location that goes down is marked, never
 * fatal. A slow call is not cut off: it goes on in the background (bounded by the adapter's own timeouts) and its
 * answer serves the next list, so a location that is merely slow (a first login under load) becomes available, and
 * one that hangs never has more than one call in flight. Thread-safe.
 */
public final class LocationService {
    /** How long a location's limits are reused: brief, quota use changes with every create. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);
    /** How long the list waits for the locations before it reports the silent ones unavailable. */
    public static final Duration DEFAULT_ANSWER_WITHIN = Duration.ofSeconds(10);

    private final LocationGateway gateway;
    private final Clock clock;
    private final Duration ttl;
    private final Duration answerWithin;
    private final Map<Location, LocationStatus> known = new ConcurrentHashMap<>();
    private final Map<Location, CompletableFuture<LocationStatus>> inFlight = new ConcurrentHashMap<>();

    public LocationService(LocationGateway gateway, Clock clock, Duration ttl, Duration answerWithin) {
        if (ttl.isNegative() || !answerWithin.isPositive()) {
            throw new IllegalArgumentException("ttl must not be negative and answerWithin must be positive");
        }
        this.gateway = gateway;
        this.clock = clock;
        this.ttl = ttl;
        this.answerWithin = answerWithin;
    }

    public LocationService(LocationGateway gateway, Clock clock) {
        this(gateway, clock, DEFAULT_TTL, DEFAULT_ANSWER_WITHIN);
    }

    /** Every configured location in priority order, with its limits or the reason it is unavailable. */
    public List<LocationStatus> list() {
        Instant now = clock.instant();
        Map<ProviderLocation, CompletableFuture<LocationStatus>> asked = new LinkedHashMap<>();
        for (ProviderLocation location : gateway.locations()) {
            if (!fresh(known.get(location.location()), now)) {
                // A finished call is never reused: it may not have left inFlight yet (it leaves after it answers,
                // and may even finish before compute stores it), and its answer is already in known. A call that
                // answered since known was read above is not made again either (the answer is looked at again).
                asked.put(location, inFlight.compute(location.location(), (key, pending) -> {
                    if (pending != null && !pending.isDone()) {
                        return pending;
                    }
                    LocationStatus answered = known.get(key);
                    return fresh(answered, now) ? CompletableFuture.completedFuture(answered) : ask(location);
                }));
            }
        }
        // one deadline for all: a second location that hangs does not add its own wait to the first one's
        long deadline = System.nanoTime() + answerWithin.toNanos();
        List<LocationStatus> statuses = new ArrayList<>();
        for (ProviderLocation location : gateway.locations()) {
            CompletableFuture<LocationStatus> answer = asked.get(location);
            statuses.add(answer == null ? known.get(location.location()) : await(location, answer, deadline, now));
        }
        return List.copyOf(statuses);
    }

    private boolean fresh(LocationStatus status, Instant now) {
        return status != null && now.isBefore(status.checkedAt().plus(ttl));
    }

    private CompletableFuture<LocationStatus> ask(ProviderLocation location) {
        CompletableFuture<LocationStatus> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("location-" + location.name()).start(() -> {
            try {
                LocationStatus status;
                try {
                    status = LocationStatus.available(location, clock.instant(), gateway.limits(location.location()));
                } catch (StackpilotException cloudFault) {
                    status = LocationStatus.unavailable(location, clock.instant(), cloudFault.getMessage());
                }
                known.put(location.location(), status);
                answer.complete(status);
            } catch (RuntimeException | Error bug) {
                answer.completeExceptionally(bug);
            } finally {
                inFlight.remove(location.location(), answer);
            }
        });
        return answer;
    }

    private LocationStatus await(ProviderLocation location, CompletableFuture<LocationStatus> answer, long deadline,
                                 Instant now) {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            // not kept: the call goes on, and its answer (or the next list's wait) decides
            return LocationStatus.unavailable(location, now, "no answer within " + describe(answerWithin));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the locations", interrupted);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException bug ? bug : new IllegalStateException(failed);
        }
    }

    private static String describe(Duration wait) {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
    }
}
