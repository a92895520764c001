package io.stackpilot.cli.output;

/** What the output needs to know about the terminal; the root command implements it from its environment. */
public interface Terminal {
    /** The terminal's width in columns, or 0 when unknown. */
    int columns();
}
