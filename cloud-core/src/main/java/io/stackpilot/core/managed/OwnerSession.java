package io.stackpilot.core.managed;

import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.identity.Session;

/** Opens a service session for an owner project and checks it is scoped to exactly that project. */
final class OwnerSession {
    private OwnerSession() {
    }

    static Session open(ProjectSessions sessions, String projectId) {
        Session session = sessions.forProject(projectId);
        if (!session.project().id().equals(projectId)) {
            throw new ForbiddenException("the service session for project " + projectId + " is scoped to project "
                    + session.project().id());
        }
        return session;
    }
}
