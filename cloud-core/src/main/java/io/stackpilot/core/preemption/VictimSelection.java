package io.stackpilot.core.preemption;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which preemptible servers to evict so that {@code need} (instances, vCPUs, RAM) is freed. The policy:
 * <ol>
 * <li>If all candidates together do not cover the need, none is chosen (nothing is evicted in vain).</li>
 * <li>Fewest victims first: each step takes the candidate that covers the largest share of what is still missing
 * (the sum over the three resources of min(frees, missing) / missing), so one server that covers everything always
 * beats two that do together, and a big server is not taken where a fitting one does.</li>
 * <li>Among candidates covering equally much, the one that frees least beyond the need (best fit, least waste),
 * then the youngest (least work lost), then the server id (a stable order).</li>
 * </ol>
 * The share rule is the classic greedy for covering; it is not always the exact minimum for several resources at
 * once, but it is for the cases that matter (one resource short, or one victim enough). It costs O(victims ×
 * candidates). Stateless and thread-safe.
 */
public final class VictimSelection {
    private VictimSelection() {
    }

    /** The victims in the order chosen; empty when the need is none or the candidates cannot cover it. */
    public static Optional<List<Candidate>> choose(List<Candidate> candidates, Resources need) {
        if (need.isNone()) {
            return Optional.of(List.of());
        }
        Resources all = candidates.stream().map(Candidate::frees).reduce(Resources.NONE, Resources::plus);
        if (!all.covers(need)) {
            return Optional.empty();
        }
        List<Candidate> left = new ArrayList<>(candidates);
        List<Candidate> chosen = new ArrayList<>();
        Resources missing = need;
        while (!missing.isNone()) {
            Scored best = null;
            int bestIndex = -1;
            for (int i = 0; i < left.size(); i++) {
                Scored scored = scored(left.get(i), missing);
                if (best == null || BETTER.compare(scored, best) < 0) {
                    best = scored;
                    bestIndex = i;
                }
            }
            chosen.add(best.candidate());
            // Swap-remove: the order of the rest does not matter, ties are broken by age and id, not position.
            left.set(bestIndex, left.getLast());
            left.removeLast();
            missing = missing.minus(best.candidate().frees());
        }
        return Optional.of(List.copyOf(chosen));
    }

    private record Scored(Candidate candidate, double share, double waste) {
    }

    private static final Comparator<Scored> BETTER = Comparator.comparingDouble((Scored s) -> -s.share)
            .thenComparingDouble(Scored::waste)
            .thenComparing((Scored s) -> s.candidate.server().createdAt(),
                    Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(s -> s.candidate.server().id().value());

    private static Scored scored(Candidate candidate, Resources missing) {
        Resources frees = candidate.frees();
        double share = part(frees.instances(), missing.instances()) + part(frees.vcpus(), missing.vcpus())
                + part(frees.ramMb(), missing.ramMb());
        double waste = over(frees.instances(), missing.instances()) + over(frees.vcpus(), missing.vcpus())
                + over(frees.ramMb(), missing.ramMb());
        return new Scored(candidate, share, waste);
    }

    private static double part(long frees, long missing) {
        return missing == 0 ? 0 : (double) Math.min(frees, missing) / missing;
    }

    /** Waste relative to the need, so that MB of RAM do not outweigh instances. */
    private static double over(long frees, long missing) {
        return (double) Math.max(0, frees - missing) / Math.max(1, missing);
    }
}
