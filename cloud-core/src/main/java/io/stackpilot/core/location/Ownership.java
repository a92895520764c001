package io.stackpilot.core.location;

import io.stackpilot.core.compute.Server;
import io.stackpilot.core.identity.Session;

/**
 * Who owns a VM, in one place. In the caller's own cloud a VM belongs to the project it is in (Nova's project).
 * In a provider location Stackpilot acts through the location's service account, so every owner's VMs share the
 * provider account's project: there a VM belongs to the project its {@value #OWNER_METADATA_KEY} metadata names,
 * which Stackpilot sets on every VM it creates (and never lets a caller set). Stateless.
 */
public final class Ownership {
    /** The Nova metadata key whose value is the id of the project that owns the VM. */
    public static final String OWNER_METADATA_KEY = "stackpilot:owner";

    private Ownership() {
    }

    /** Whether a VM of a provider location belongs to {@code projectId}: its owner metadata names exactly it. */
    public static boolean ownedBy(Server server, String projectId) {
        return projectId != null && projectId.equals(server.metadata().get(OWNER_METADATA_KEY));
    }

    /**
     * Whether {@code server}, as seen through {@code session}, belongs to {@code projectId}. The VM must be in the
     * session's project (the cloud's policy is not trusted: an admin token may list more). Acting in the owner's
     * own project, it is the owner's unless its metadata names another owner; acting in another project (a provider
     * location's service account), it is the owner's only when its metadata names the owner.
     */
    public static boolean ownedBy(Server server, String projectId, Session session) {
        String sessionProject = session.project().id();
        if (!server.projectId().equals(sessionProject)) {
            return false;
        }
        if (sessionProject.equals(projectId)) {
            String owner = server.metadata().get(OWNER_METADATA_KEY);
            return owner == null || owner.equals(projectId);
        }
        return ownedBy(server, projectId);
    }

    /** Whether {@code session} acts for {@code projectId} from outside it: in a provider location's project. */
    public static boolean actsInProviderAccount(Session session, String projectId) {
        return !session.project().id().equals(projectId);
    }
}
