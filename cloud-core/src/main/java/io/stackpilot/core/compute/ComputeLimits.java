package io.stackpilot.core.compute;

/** A project's absolute compute limits and use; a max of -1 means unlimited. */
public record ComputeLimits(int maxInstances, int usedInstances, int maxCores, int usedCores, int maxRamMb,
                            int usedRamMb) {
    public boolean roomFor(int instances, int cores, int ramMb) {
        return fits(maxInstances, usedInstances, instances) && fits(maxCores, usedCores, cores)
                && fits(maxRamMb, usedRamMb, ramMb);
    }

    private static boolean fits(int max, int used, int wanted) {
        return max < 0 || used + wanted <= max;
    }
}
