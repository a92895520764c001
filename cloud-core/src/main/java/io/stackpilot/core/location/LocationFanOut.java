package io.stackpilot.core.location;

import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.StackpilotException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Asks several locations the same question at once and waits for them under one deadline: a location that fails
 * (a cloud error) or has not answered by then is reported with the reason instead of failing or holding up the
 * others. A call past the deadline is not cut off (the adapter's own timeouts bound it); its answer is dropped.
 * Thread-safe.
 */
public final class LocationFanOut {
    /** The selector of every configured location. */
    public static final String ALL = "all";
    /** How long a request across locations waits for the slowest one. */
    public static final Duration DEFAULT_ANSWER_WITHIN = Duration.ofSeconds(10);

    private final LocationGateway locations;
    private final Duration answerWithin;

    public LocationFanOut(LocationGateway locations, Duration answerWithin) {
        if (!answerWithin.isPositive()) {
            throw new IllegalArgumentException("answerWithin must be positive");
        }
        this.locations = locations;
        this.answerWithin = answerWithin;
    }

    /**
     * The locations a selector names: {@value #ALL} (every configured location, in priority order) or one location
     * as {@code cloud/region}.
     *
     * @throws InvalidRequestException naming the field {@code location} when the selector names no configured location
     */
    public List<ProviderLocation> select(String selector) {
        List<ProviderLocation> configured = locations.locations();
        if (ALL.equals(selector)) {
            return configured;
        }
        return configured.stream().filter(location -> location.name().equals(selector)).findFirst()
                .map(List::of)
                .orElseThrow(() -> InvalidRequestException.of("location", "must be \"all\" or one of "
                        + configured.stream().map(ProviderLocation::name).toList() + ", was '" + shown(selector)
                        + "'"));
    }

    /**
     * {@code call} run for every location of {@code where} at the same time; the answers in the order of
     * {@code where}. A {@link StackpilotException} or no answer within the deadline makes the location unavailable;
     * any other exception is a bug and is thrown.
     */
    public <T> Answers<T> ask(List<ProviderLocation> where, Function<ProviderLocation, T> call) {
        Map<ProviderLocation, CompletableFuture<T>> asked = new LinkedHashMap<>();
        for (ProviderLocation location : where) {
            CompletableFuture<T> answer = new CompletableFuture<>();
            Thread.ofVirtual().name("across-" + location.name()).start(() -> {
                try {
                    answer.complete(call.apply(location));
                } catch (Throwable failed) {
                    answer.completeExceptionally(failed);
                }
            });
            asked.put(location, answer);
        }
        long deadline = System.nanoTime() + answerWithin.toNanos();
        Map<ProviderLocation, T> answered = new LinkedHashMap<>();
        List<UnavailableLocation> unavailable = new ArrayList<>();
        asked.forEach((location, answer) -> {
            try {
                answered.put(location, answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException slow) {
                unavailable.add(new UnavailableLocation(location.name(), "no answer within " + describe(answerWithin)));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while asking the locations", interrupted);
            } catch (ExecutionException failed) {
                if (failed.getCause() instanceof StackpilotException cloudFault) {
                    unavailable.add(new UnavailableLocation(location.name(), reason(cloudFault)));
                } else if (failed.getCause() instanceof RuntimeException bug) {
                    throw bug;
                } else {
                    throw new IllegalStateException(failed.getCause());
                }
            }
        });
        return new Answers<>(answered, unavailable);
    }

    /** The answers of the locations that gave one (in the order asked), and the others with their reasons. */
    public record Answers<T>(Map<ProviderLocation, T> answered, List<UnavailableLocation> unavailable) {
    }

    private static String reason(StackpilotException fault) {
        String message = fault.getMessage();
        return message == null || message.isBlank() ? fault.getClass().getSimpleName() : message;
    }

    private static String describe(Duration wait) {
        return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
    }

    private static String shown(String selector) {
        return selector.length() <= 64 ? selector : selector.substring(0, 64) + "...";
    }
}
