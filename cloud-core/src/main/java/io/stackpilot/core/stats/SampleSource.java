package io.stackpilot.core.stats;

/** How a sample was obtained: counted at its time, or reconstructed later from the cloud's usage records. */
public enum SampleSource {
    LIVE, BACKFILL
}
