package io.stackpilot.core.catalog;

/** Whether a catalog answer may come from the cache ({@link #CACHED}) or must be asked of the cloud ({@link #FRESH}). */
public enum Freshness {
    CACHED,
    FRESH
}
