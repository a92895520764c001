package io.stackpilot.core.common;

import java.util.List;
import java.util.Optional;

/**
 * One page of a longer list. {@code nextMarker} is absent on the last page; passing it back as the marker of the
 * next query continues where this page ended.
 */
public record Page<T>(List<T> items, String nextMarker) {
    public Page {
        items = List.copyOf(Require.notNull(items, "items"));
        if (nextMarker != null && nextMarker.isBlank()) {
            nextMarker = null;
        }
    }

    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, null);
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextMarker);
    }
}
