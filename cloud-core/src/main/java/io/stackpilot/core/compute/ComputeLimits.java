package io.stackpilot.core.compute;

/** A project's absolute compute limits and use; a max of -1 means unlimited. */
public record ComputeLimits(int maxInstances, int usedInstances, int maxCores, int usedCores, int maxRamMb,
                            int usedRamMb) {
}
