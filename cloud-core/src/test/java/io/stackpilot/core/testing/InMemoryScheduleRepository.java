package io.stackpilot.core.testing;

import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.schedule.Schedule;
import io.stackpilot.core.schedule.ScheduleRepository;
import io.stackpilot.core.schedule.ScheduleRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link ScheduleRepository} in memory, for tests; keeps the same contract as the PostgreSQL one. Thread-safe. */
public final class InMemoryScheduleRepository implements ScheduleRepository {
    private final Map<UUID, Schedule> schedules = new LinkedHashMap<>();
    private final Map<UUID, Instant> due = new HashMap<>();
    private final Map<UUID, String> holders = new HashMap<>();
    private final Map<UUID, Instant> claimUntil = new HashMap<>();
    private final Map<UUID, Map<Instant, ScheduleRun>> runs = new HashMap<>();

    @Override
    public synchronized Schedule insert(Schedule schedule) {
        if (find(schedule.projectId(), schedule.name()).isPresent()) {
            throw new ConflictException("schedule " + schedule.name() + " already exists");
        }
        schedules.put(schedule.id(), schedule);
        due.put(schedule.id(), schedule.updatedAt());
        return schedule;
    }

    @Override
    public synchronized Optional<Schedule> update(Schedule schedule) {
        if (!schedules.containsKey(schedule.id())) {
            return Optional.empty();
        }
        schedules.put(schedule.id(), schedule);
        due.put(schedule.id(), due.get(schedule.id()).isBefore(schedule.updatedAt()) ? due.get(schedule.id())
                : schedule.updatedAt());
        return Optional.of(schedule);
    }

    @Override
    public synchronized Optional<Schedule> find(String projectId, String name) {
        return schedules.values().stream()
                .filter(schedule -> schedule.projectId().equals(projectId) && schedule.name().equals(name))
                .findFirst();
    }

    @Override
    public synchronized Optional<Schedule> findById(UUID id) {
        return Optional.ofNullable(schedules.get(id));
    }

    @Override
    public synchronized List<Schedule> list(String projectId) {
        return schedules.values().stream().filter(schedule -> schedule.projectId().equals(projectId))
                .sorted(Comparator.comparing(Schedule::name)).toList();
    }

    @Override
    public synchronized boolean delete(UUID id) {
        runs.remove(id);
        due.remove(id);
        return schedules.remove(id) != null;
    }

    @Override
    public synchronized List<Schedule> claimDue(String holder, Instant now, Duration lease, int limit) {
        List<Schedule> claimed = schedules.values().stream()
                .filter(schedule -> !due.get(schedule.id()).isAfter(now))
                .filter(schedule -> claimUntil.get(schedule.id()) == null || !claimUntil.get(schedule.id())
                        .isAfter(now))
                .sorted(Comparator.comparing(schedule -> due.get(schedule.id()))).limit(limit).toList();
        for (Schedule schedule : claimed) {
            holders.put(schedule.id(), holder);
            claimUntil.put(schedule.id(), now.plus(lease));
            due.put(schedule.id(), now.plus(lease));
        }
        return claimed;
    }

    @Override
    public synchronized void release(UUID id, String holder, Instant nextDue) {
        if (!holder.equals(holders.get(id)) || !schedules.containsKey(id)) {
            return;
        }
        holders.remove(id);
        Instant until = claimUntil.remove(id);
        Instant current = due.get(id);
        // A change made during the claim made the schedule due before the claim's end: the earlier time wins.
        due.put(id, current.isBefore(until) && current.isBefore(nextDue) ? current : nextDue);
    }

    @Override
    public synchronized ScheduleRun serve(ScheduleRun run) {
        Map<Instant, ScheduleRun> ofSchedule = runs.computeIfAbsent(run.scheduleId(), id -> new HashMap<>());
        ScheduleRun stored = ofSchedule.get(run.windowStart());
        ScheduleRun next = stored == null ? run : new ScheduleRun(stored.scheduleId(), stored.windowStart(),
                stored.windowEnd(), stored.startedAt(), run.serversWanted(), Math.max(stored.serversMade(),
                run.serversMade()), null, stored.serversRemoved(), stored.problems());
        ofSchedule.put(run.windowStart(), next);
        return next;
    }

    @Override
    public synchronized List<ScheduleRun> openRuns(UUID scheduleId) {
        return runs.getOrDefault(scheduleId, Map.of()).values().stream().filter(run -> !run.ended())
                .sorted(Comparator.comparing(ScheduleRun::windowStart)).toList();
    }

    @Override
    public synchronized void updateRun(UUID scheduleId, Instant windowStart, int removedMore,
                                       List<String> newProblems, Instant endedAt) {
        Map<Instant, ScheduleRun> ofSchedule = runs.get(scheduleId);
        ScheduleRun stored = ofSchedule == null ? null : ofSchedule.get(windowStart);
        if (stored == null) {
            return;
        }
        List<String> problems = new ArrayList<>(stored.problems());
        newProblems.stream().filter(problem -> !problems.contains(problem)).forEach(problems::add);
        ofSchedule.put(windowStart, new ScheduleRun(scheduleId, windowStart, stored.windowEnd(), stored.startedAt(),
                stored.serversWanted(), stored.serversMade(), endedAt == null ? stored.endedAt() : endedAt,
                stored.serversRemoved() + removedMore, problems));
    }

    @Override
    public synchronized List<ScheduleRun> runs(UUID scheduleId, int limit) {
        return runs.getOrDefault(scheduleId, Map.of()).values().stream()
                .sorted(Comparator.comparing(ScheduleRun::windowStart).reversed()).limit(limit).toList();
    }
}
