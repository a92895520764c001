package io.stackpilot.bench;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ResourceRef;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.preemption.Candidate;
import io.stackpilot.core.preemption.Resources;
import io.stackpilot.core.preemption.VictimSelection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Part 6: the cost of choosing victims among N preemptible candidates (issue 16), in process: flavors of 1-8 vCPUs
 * and 512-16384 MB, random ages (seeded), for a need one victim covers (one instance, a quota case), and one that
 * needs many (64 vCPUs and 128 GiB, a capacity case). Usage: {@code VictimSelectionCost RUNS CANDIDATES...}.
 */
public final class VictimSelectionCost {
    private static final int[][] FLAVORS = {{1, 512}, {1, 2048}, {2, 4096}, {4, 8192}, {8, 16384}};

    private VictimSelectionCost() {
    }

    public static void main(String[] args) {
        int runs = Integer.parseInt(args[0]);
        for (int i = 1; i < args.length; i++) {
            int count = Integer.parseInt(args[i]);
            List<Candidate> candidates = candidates(count, new Random(42));
            for (Resources need : List.of(new Resources(1, 0, 0), new Resources(0, 64, 131_072))) {
                int victims = 0;
                for (int warm = 0; warm < Math.max(5, runs / 5); warm++) {
                    victims = VictimSelection.choose(candidates, need).orElseThrow().size();
                }
                Samples nanos = new Samples();
                for (int run = 0; run < runs; run++) {
                    long start = System.nanoTime();
                    victims = VictimSelection.choose(candidates, need).orElseThrow().size();
                    nanos.add(System.nanoTime() - start);
                }
                Row.print("6 preemption", String.format("victim selection, %,d candidates, need %s", count, need),
                        Samples.ms(nanos.median()) + " p50, " + Samples.ms(nanos.percentile(95)) + " p95", "-",
                        "-", String.format("%d victim(s) chosen; %d runs; %s", victims, runs, Row.load()));
            }
        }
    }

    private static List<Candidate> candidates(int count, Random random) {
        List<Candidate> candidates = new ArrayList<>(count);
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            int[] flavor = FLAVORS[random.nextInt(FLAVORS.length)];
            Server server = new Server(new ServerId("spot-" + i), "spot-" + i, ServerStatus.ACTIVE, List.of(),
                    new ResourceRef("f" + flavor[0], "f" + flavor[0]), null, "project-" + (i % 100),
                    now.minusSeconds(random.nextInt(86_400)), true, Map.of(), Location.DEFAULT);
            candidates.add(new Candidate(server, new Resources(1, flavor[0], flavor[1])));
        }
        return candidates;
    }
}
