package io.stackpilot.core.location;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.error.StackpilotException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every configured location with its availability and capacity. The locations are asked at the same time, each
 * answer (or failure) kept for {@code ttl}, and a location that does not answer within {@code answerWithin} is
 * reported unavailable instead of holding up the others: a location that goes down is marked, never fatal.
 * Thread-safe; two callers that find the same entry stale may both ask that location.
 */
public final class LocationService {
    /** How long a location's limits are reused: brief, quota use changes with every create. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);
    /** How long the list waits for one location before it reports it unavailable. */
    public static final Duration DEFAULT_ANSWER_WITHIN = Duration.ofSeconds(10);

    private final LocationGateway gateway;
    private final Clock clock;
    private final Duration ttl;
    private final Duration answerWithin;
    private final Map<Location, LocationStatus> known = new ConcurrentHashMap<>();

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
        Map<ProviderLocation, Future<ComputeLimits>> asked = new LinkedHashMap<>();
        List<LocationStatus> statuses = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ProviderLocation location : gateway.locations()) {
                LocationStatus cached = known.get(location.location());
                if (cached == null || !now.isBefore(cached.checkedAt().plus(ttl))) {
                    asked.put(location, executor.submit(() -> gateway.limits(location.location())));
                }
            }
            long deadline = System.nanoTime() + answerWithin.toNanos();
            for (ProviderLocation location : gateway.locations()) {
                Future<ComputeLimits> answer = asked.get(location);
                LocationStatus status = answer == null ? known.get(location.location())
                        : await(location, answer, deadline, now);
                known.put(location.location(), status);
                statuses.add(status);
            }
            // the executor's close would wait for a location that hangs; its answer is not wanted any more
            asked.values().forEach(answer -> answer.cancel(true));
        }
        return List.copyOf(statuses);
    }

    private LocationStatus await(ProviderLocation location, Future<ComputeLimits> answer, long deadline,
                                 Instant now) {
        try {
            // one deadline for all: a second location that hangs does not add its own wait to the first one's
            long left = Math.max(0, deadline - System.nanoTime());
            return LocationStatus.available(location, now, answer.get(left, TimeUnit.NANOSECONDS));
        } catch (TimeoutException slow) {
            return LocationStatus.unavailable(location, now, "no answer within " + answerWithin.toSeconds() + " s");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the locations", interrupted);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof StackpilotException cloudFault) {
                return LocationStatus.unavailable(location, now, cloudFault.getMessage());
            }
            if (failed.getCause() instanceof RuntimeException bug) {
                throw bug;
            }
            throw new IllegalStateException(failed.getCause());
        }
    }
}
