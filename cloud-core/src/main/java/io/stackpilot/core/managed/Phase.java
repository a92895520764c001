package io.stackpilot.core.managed;

/**
 * Where a managed server stands, as the engine last observed it. {@code GONE} is only reached by observed
 * (unmanaged) resources whose VM disappeared; a managed one whose VM disappears is recreated instead.
 */
public enum Phase {
    /** Declared, not yet worked on. */
    PENDING,
    /** A create or replace operation is queued or running. */
    CREATING,
    /** The VM exists, is ACTIVE and matches the spec. */
    READY,
    /** The VM is in ERROR, or the last operation failed finally; see the conditions. */
    FAILED,
    /** The spec changed in a way Nova cannot apply in place and the update policy is manual. */
    DRIFTED,
    /** Deletion was requested; the VM is being deleted, then the record. */
    DELETING,
    /** Observed only, and the VM no longer exists. */
    GONE;

    /** The API's spelling: "Pending", "Creating", ... */
    public String wireName() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
