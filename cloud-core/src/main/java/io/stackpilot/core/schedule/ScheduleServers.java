package io.stackpilot.core.schedule;

import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.ManagedServerRepository;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The managed servers a schedule holds now, by number: the resources whose id is the schedule's id for {@code n}
 * ({@link Schedule#serverId}), whatever their count is now (a lowered count leaves higher numbers to remove). A
 * resource that merely has a matching name is not the schedule's. One query.
 */
final class ScheduleServers {
    private ScheduleServers() {
    }

    static Map<Integer, ManagedServer> of(Schedule schedule, ManagedServerRepository resources) {
        Map<UUID, Integer> numbers = new HashMap<>();
        for (int n = 1; n <= Schedule.MAX_COUNT; n++) {
            numbers.put(schedule.serverId(n), n);
        }
        Map<Integer, ManagedServer> held = new TreeMap<>();
        for (ManagedServer resource : resources.findByIds(numbers.keySet())) {
            if (resource.projectId().equals(schedule.projectId())) {
                held.put(numbers.get(resource.id()), resource);
            }
        }
        return held;
    }
}
