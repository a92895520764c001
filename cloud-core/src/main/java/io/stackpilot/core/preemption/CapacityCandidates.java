package io.stackpilot.core.preemption;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.managed.ProjectSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The preemptible servers of every allowed project at one location (capacity is shared): one server list per
 * project with the service account scoped to it, keeping only servers of that project (the cloud's policy is not
 * relied on). A project the service account cannot enter is skipped. Thread-safe.
 *
 * <p>Limit: the API does not tell a non-admin which host a server is on, so every preemptible server of the location
 * counts, not only those on the hosts the scheduler could use; when evicting them does not make room, the create
 * fails with {@code InsufficientCapacityException} after one more try.
 */
public final class CapacityCandidates {
    private final ComputeGateway compute;
    private final ProjectSessions sessions;
    private final Supplier<List<ProjectRef>> allowedProjects;

    public CapacityCandidates(ComputeGateway compute, ProjectSessions sessions,
                              Supplier<List<ProjectRef>> allowedProjects) {
        this.compute = compute;
        this.sessions = sessions;
        this.allowedProjects = allowedProjects;
    }

    public List<Candidate> at(Location location) {
        List<Candidate> candidates = new ArrayList<>();
        for (ProjectRef project : allowedProjects.get()) {
            Session session;
            try {
                session = sessions.forProject(project.id());
            } catch (io.stackpilot.core.error.ForbiddenException notMember) {
                continue;
            }
            List<Server> own = compute.listServers(session, ServerQuery.all()).items().stream()
                    .filter(server -> server.projectId().equals(project.id()))
                    .filter(server -> server.location().equals(location))
                    .toList();
            candidates.addAll(Candidates.of(own, compute.listFlavors(session)));
        }
        return candidates;
    }
}
