package io.stackpilot.core.managed;

/** The resource after a PUT and what the PUT did to it (the API answers 201 for CREATED, else 200). */
public record ApplyResult(ManagedServer server, Outcome outcome) {
    public enum Outcome { CREATED, UPDATED, UNCHANGED }
}
