package io.stackpilot.core.stats;

import io.stackpilot.core.common.Require;
import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.identity.Session;
import java.util.List;
import java.util.function.Supplier;

/**
 * Who may read which running-server statistics, and the reading. Everyone reads their own project; callers with the
 * {@value #ADMIN_ROLE} role may read another allowed project or the total over the allowed projects. A project that
 * is unknown or outside the allowlist is "not found" (the same answer for both, so the allowlist does not reveal
 * which projects exist); checking it costs one identity call, as the allowed projects are resolved anew. Thread-safe
 * when the query and the allowed projects are.
 */
public final class StatsReader {
    public static final String ADMIN_ROLE = "admin";

    private final StatsQuery query;
    private final Supplier<List<ProjectRef>> allowedProjects;

    /** @param allowedProjects the projects the statistics cover (the collector's {@link AllowedProjects}) */
    public StatsReader(StatsQuery query, Supplier<List<ProjectRef>> allowedProjects) {
        this.query = Require.notNull(query, "query");
        this.allowedProjects = Require.notNull(allowedProjects, "allowedProjects");
    }

    /**
     * The statistics of {@code projectId} (null: the caller's own project), or of all allowed projects together
     * ({@code total}, reported with project id {@link StatsSample#TOTAL}).
     *
     * @throws ForbiddenException when a non-admin asks for another project or the total
     * @throws NotFoundException when the project is unknown or outside the allowlist
     * @throws io.stackpilot.core.error.InvalidRequestException when {@code points} is out of range
     */
    public StatsReport report(Session session, String projectId, boolean total, Integer points) {
        return report(session, projectId, total, null, points);
    }

    /**
     * As {@link #report(Session, String, boolean, Integer)}, in one location ({@code location}: its sample key,
     * {@link StatsSample#HOME} for the identity cloud's own) or, with null, summed over the locations.
     */
    public StatsReport report(Session session, String projectId, boolean total, String location, Integer points) {
        return query.report(projectOf(session, projectId, total), location, points);
    }

    private String projectOf(Session session, String projectId, boolean total) {
        if (projectId == null && !total) {
            return session.project().id();
        }
        if (!session.principal().hasRole(ADMIN_ROLE)) {
            throw new ForbiddenException("project_id and scope=all need the " + ADMIN_ROLE + " role");
        }
        if (total) {
            return StatsSample.TOTAL;
        }
        if (allowedProjects.get().stream().noneMatch(project -> project.id().equals(projectId))) {
            throw new NotFoundException("project", projectId);
        }
        return projectId;
    }
}
