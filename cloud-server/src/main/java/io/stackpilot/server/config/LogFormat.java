package io.stackpilot.server.config;

/** How the server writes its log lines: plain text for people, JSON lines for log collectors. */
public enum LogFormat {
    TEXT, JSON
}
