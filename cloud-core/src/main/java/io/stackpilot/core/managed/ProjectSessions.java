package io.stackpilot.core.managed;

import io.stackpilot.core.identity.Session;

/**
 * Sessions for background work, which has no user token: the cloud's service account scoped to the owner's project.
 * The service account needs a role in every project the engine serves (see docs/desired-state.md). Thread-safe.
 */
public interface ProjectSessions {

    /**
     * A session scoped to {@code projectId}; ask for one per pass (tokens are cached and renewed by the
     * implementation). Callers still check the project of every object they act on.
     *
     * @throws io.stackpilot.core.error.ForbiddenException when the service account cannot act in that project
     * @throws io.stackpilot.core.error.UpstreamException when the identity service fails
     */
    Session forProject(String projectId);
}
