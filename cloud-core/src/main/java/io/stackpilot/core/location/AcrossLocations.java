package io.stackpilot.core.location;

import io.stackpilot.core.common.Require;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of a request made in several locations: the items of every location that answered (in the locations'
 * priority order), the locations that did not, and for each location that had more items than one page, the marker
 * that continues there ({@code location name -> marker}, in priority order).
 */
public record AcrossLocations<T>(List<T> items, List<UnavailableLocation> unavailable,
                                 Map<String, String> nextMarkers) {
    public AcrossLocations {
        items = List.copyOf(Require.notNull(items, "items"));
        unavailable = List.copyOf(Require.notNull(unavailable, "unavailable"));
        nextMarkers = Collections.unmodifiableMap(new LinkedHashMap<>(Require.notNull(nextMarkers, "nextMarkers")));
    }
}
