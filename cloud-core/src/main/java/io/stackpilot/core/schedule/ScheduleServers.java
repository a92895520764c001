package io.stackpilot.core.schedule;

import io.stackpilot.core.common.Page;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.ManagedServerRepository;
import java.util.Map;
import java.util.TreeMap;

/**
 * The managed servers a schedule holds now, by number: the resources named {@code <schedule>-<n>} whose id is the
 * schedule's id for {@code n} (a resource that only shares the name is not the schedule's). One query.
 */
final class ScheduleServers {
    private ScheduleServers() {
    }

    static Map<Integer, ManagedServer> of(Schedule schedule, ManagedServerRepository resources) {
        Map<Integer, ManagedServer> held = new TreeMap<>();
        String prefix = schedule.name() + "-";
        String after = prefix;
        while (true) {
            // Names sort as text, so every "<schedule>-..." name follows "<schedule>-" without a gap.
            Page<ManagedServer> page = resources.list(schedule.projectId(), PAGE, after);
            for (ManagedServer resource : page.items()) {
                if (!resource.name().startsWith(prefix)) {
                    return held;
                }
                number(resource.name().substring(prefix.length()))
                        .filter(n -> resource.id().equals(schedule.serverId(n)))
                        .ifPresent(n -> held.put(n, resource));
                after = resource.name();
            }
            if (page.next().isEmpty() || page.items().isEmpty()) {
                return held;
            }
        }
    }

    private static final int PAGE = 200;

    private static java.util.Optional<Integer> number(String suffix) {
        if (!suffix.matches("[1-9][0-9]{0,2}")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Integer.parseInt(suffix));
    }
}
