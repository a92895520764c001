package io.stackpilot.core.managed;

/**
 * Where the engine reports its own actions so that "who created this VM, and why" is answered from the audit table
 * (the server implements it over its audit log). Must not throw for a failed write: the action already happened.
 * Thread-safe.
 */
public interface EngineAuditSink {
    EngineAuditSink NONE = action -> { };

    void record(EngineAction action);
}
