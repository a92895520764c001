package io.stackpilot.core.managed;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Require;
import io.stackpilot.core.compute.Address;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.placement.PlacementStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engine observed. {@code serverId}, {@code serverStatus} and {@code location} are null while there is no
 * VM; {@code lastReconciledAt} is null until the first pass. {@code observedGeneration} is the spec generation the
 * status describes: when it is below the resource's generation the status is not yet current. {@code placement} is
 * null for a resource without a placement (and until the engine first placed one).
 */
public record ManagedServerStatus(Phase phase, long observedGeneration, String serverId, ServerStatus serverStatus,
                                  List<Address> addresses, Location location, List<Condition> conditions,
                                  Instant lastReconciledAt, PlacementStatus placement) {
    public ManagedServerStatus {
        Require.notNull(phase, "phase");
        Require.notNegative(observedGeneration, "observedGeneration");
        addresses = List.copyOf(Require.notNull(addresses, "addresses"));
        conditions = List.copyOf(Require.notNull(conditions, "conditions"));
    }

    /** A status without a placement. */
    public ManagedServerStatus(Phase phase, long observedGeneration, String serverId, ServerStatus serverStatus,
                               List<Address> addresses, Location location, List<Condition> conditions,
                               Instant lastReconciledAt) {
        this(phase, observedGeneration, serverId, serverStatus, addresses, location, conditions, lastReconciledAt,
                null);
    }

    /** The status of a resource nobody has looked at yet. */
    public static ManagedServerStatus pending() {
        return new ManagedServerStatus(Phase.PENDING, 0, null, null, List.of(), null, List.of(), null);
    }

    public ManagedServerStatus withPhase(Phase next) {
        return new ManagedServerStatus(next, observedGeneration, serverId, serverStatus, addresses, location,
                conditions, lastReconciledAt, placement);
    }

    /** This status with {@code next} as its placement (null: none). */
    public ManagedServerStatus withPlacement(PlacementStatus next) {
        return new ManagedServerStatus(phase, observedGeneration, serverId, serverStatus, addresses, location,
                conditions, lastReconciledAt, next);
    }

    /** This status with the condition of the same type replaced, time and all (for events that recur). */
    public ManagedServerStatus withFreshCondition(Condition condition) {
        List<Condition> next = new ArrayList<>(conditions.stream().filter(c -> !c.type().equals(condition.type()))
                .toList());
        next.add(condition);
        return new ManagedServerStatus(phase, observedGeneration, serverId, serverStatus, addresses, location, next,
                lastReconciledAt, placement);
    }

    /** This status without a condition of {@code type}. */
    public ManagedServerStatus withoutCondition(String type) {
        return new ManagedServerStatus(phase, observedGeneration, serverId, serverStatus, addresses, location,
                conditions.stream().filter(c -> !c.type().equals(type)).toList(), lastReconciledAt, placement);
    }

    /** This status with the condition of the same type replaced (its time kept when nothing about it changed). */
    public ManagedServerStatus withCondition(Condition condition) {
        List<Condition> next = new ArrayList<>();
        for (Condition existing : conditions) {
            if (!existing.type().equals(condition.type())) {
                next.add(existing);
            } else if (existing.status() == condition.status() && existing.reason().equals(condition.reason())) {
                condition = existing;
            }
        }
        next.add(condition);
        return new ManagedServerStatus(phase, observedGeneration, serverId, serverStatus, addresses, location, next,
                lastReconciledAt, placement);
    }
}
