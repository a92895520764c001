package io.stackpilot.core.audit;

import io.stackpilot.core.common.Page;
import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.identity.Principal;

/** Reads the request log; only callers with the {@value #ADMIN_ROLE} role may. Thread-safe. */
public final class AuditReader {
    public static final String ADMIN_ROLE = "admin";

    private final AuditLogRepository auditLog;

    public AuditReader(AuditLogRepository auditLog) {
        this.auditLog = auditLog;
    }

    /** @throws ForbiddenException when the caller lacks the admin role */
    public Page<AuditEntry> find(Principal caller, AuditQuery query) {
        requireAdmin(caller);
        return auditLog.find(query);
    }

    /** @throws ForbiddenException when the caller lacks the admin role */
    public void requireAdmin(Principal caller) {
        if (!caller.hasRole(ADMIN_ROLE)) {
            throw new ForbiddenException("reading the audit log needs the " + ADMIN_ROLE + " role");
        }
    }
}
