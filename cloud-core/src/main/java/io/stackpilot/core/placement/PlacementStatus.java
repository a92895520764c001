package io.stackpilot.core.placement;

import io.stackpilot.core.common.Require;
import java.util.List;

/**
 * Where the engine placed a managed server and why there: the location it runs in ({@code cloud/region}; null while
 * no location took it), the placement's strategy, and every location tried before (or, when none took it, all of
 * them) with the reason. Shown as {@code status.placement}.
 */
public record PlacementStatus(String location, Placement.Strategy strategy, List<Tried> tried) {
    public PlacementStatus {
        Require.notNull(strategy, "strategy");
        tried = List.copyOf(Require.notNull(tried, "tried"));
    }
}
