package io.stackpilot.server;

import io.stackpilot.core.common.Require;
import io.stackpilot.core.managed.ManagedServerRepository;
import io.stackpilot.core.operation.OperationRepository;
import io.stackpilot.core.managed.ProjectSessions;
import io.stackpilot.core.schedule.ScheduleRepository;

/**
 * What the desired-state engine needs beyond the API's ports: its stores (managed servers, operations, schedules; (the database's in the daemon, the
 * in-memory fakes in tests) and the service account's sessions scoped to an owner project.
 */
public record EnginePorts(ManagedServerRepository managedServers, OperationRepository operations,
                          ProjectSessions projectSessions, ScheduleRepository schedules,
                          PreemptionPorts preemption) {
    public EnginePorts {
        Require.notNull(managedServers, "managedServers");
        Require.notNull(operations, "operations");
        Require.notNull(projectSessions, "projectSessions");
        Require.notNull(schedules, "schedules");
        Require.notNull(preemption, "preemption");
    }
}
