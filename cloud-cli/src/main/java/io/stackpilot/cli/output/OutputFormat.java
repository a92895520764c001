package io.stackpilot.cli.output;

/** The output formats of python-openstackclient that {@code -f} accepts. */
public enum OutputFormat {
    table, json, yaml, value, csv
}
