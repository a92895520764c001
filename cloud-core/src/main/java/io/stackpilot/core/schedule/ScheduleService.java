package io.stackpilot.core.schedule;

import io.stackpilot.core.catalog.CatalogService;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.image.ImageGateway;
import io.stackpilot.core.managed.ApplyRequest;
import io.stackpilot.core.managed.ManagedServerRepository;
import io.stackpilot.core.managed.ManagedServerSpec;
import io.stackpilot.core.managed.SpecResolver;
import io.stackpilot.core.network.NetworkGateway;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The API side of schedules, always within the caller's project: create (every problem listed, nothing stored),
 * read, change, delete (its servers go first, through the engine), and the runs. The engine's
 * {@link ScheduleDriver} carries the intent out. Thread-safe.
 */
public final class ScheduleService {
    public static final String KIND = "schedule";

    private final ScheduleRepository schedules;
    private final ManagedServerRepository resources;
    private final SpecResolver resolver;
    private final Clock clock;

    public ScheduleService(ScheduleRepository schedules, ManagedServerRepository resources, ComputeGateway compute,
                           ImageGateway images, NetworkGateway networks, Clock clock) {
        this(schedules, resources, new CatalogService(compute, images, networks), clock);
    }

    /** Resolving specs through {@code catalog} (with its cache, repeated checks do not list the catalog). */
    public ScheduleService(ScheduleRepository schedules, ManagedServerRepository resources, CatalogService catalog,
                           Clock clock) {
        this.schedules = schedules;
        this.resources = resources;
        this.resolver = new SpecResolver(catalog, null);
        this.clock = clock;
    }

    /**
     * @throws InvalidRequestException listing every problem (name, count, window, flavor, image, networks)
     * @throws io.stackpilot.core.error.ConflictException when the project has a schedule of that name
     */
    public ScheduleView create(Session session, ScheduleRequest request) {
        Checked checked = validate(session, request, List.of());
        Instant now = clock.instant();
        Schedule created = schedules.insert(new Schedule(UUID.randomUUID(), session.project().id(), request.name(),
                checked.spec(), request.count(), checked.window(), true, now, now, null));
        return ScheduleView.at(created, now, List.of());
    }

    /**
     * Checks a create without storing anything, for a caller that found {@code problems} of its own (a field of the
     * wrong JSON type): throws one error with those and every problem of the request, at most one per field.
     */
    public void check(Session session, ScheduleRequest request, List<FieldProblem> problems) {
        validate(session, request, problems);
    }

    private Checked validate(Session session, ScheduleRequest request, List<FieldProblem> earlier) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.name() == null || !Schedule.NAME.matcher(request.name()).matches()) {
            problems.add(new FieldProblem("name", "must be a DNS label of 1-59 characters: lower-case letters, "
                    + "digits and '-', starting and ending with a letter or digit (servers are named <name>-<n>)"));
        }
        checkCount(problems, request.count(), true);
        Optional<Window> window = Optional.empty();
        if (request.window() == null) {
            problems.add(new FieldProblem("window", "is required"));
        } else {
            window = request.window().parse(problems);
        }
        ManagedServerSpec spec = null;
        try {
            spec = resolver.resolve(session, "schedule", new ApplyRequest(request.flavor(), request.image(),
                    request.networks(), request.preemptible(), true, true, "replace", request.placement()));
        } catch (InvalidRequestException invalid) {
            problems.addAll(invalid.problems());
        }
        List<FieldProblem> all = new ArrayList<>(earlier);
        problems.stream().filter(problem -> earlier.stream().noneMatch(seen -> seen.field().equals(problem.field())))
                .forEach(all::add);
        if (!all.isEmpty()) {
            throw new InvalidRequestException(all);
        }
        return new Checked(spec, window.orElseThrow());
    }

    private record Checked(ManagedServerSpec spec, Window window) {
    }

    public List<ScheduleView> list(Session session) {
        Instant now = clock.instant();
        return schedules.list(session.project().id()).stream().map(schedule -> view(schedule, now)).toList();
    }

    /** {@code ref} is the schedule's id or its name. @throws NotFoundException outside the caller's project */
    public ScheduleView get(Session session, String ref) {
        return view(find(session, ref), clock.instant());
    }

    /**
     * Changes enabled, count or window; the engine converges to the new intent (during an open window too).
     *
     * @throws InvalidRequestException listing every problem
     */
    public ScheduleView update(Session session, String ref, SchedulePatch patch) {
        return update(session, ref, patch, List.of());
    }

    /** As {@link #update(Session, String, SchedulePatch)}, with problems the caller found itself listed first. */
    public ScheduleView update(Session session, String ref, SchedulePatch patch, List<FieldProblem> earlier) {
        Schedule current = find(session, ref);
        List<FieldProblem> problems = new ArrayList<>(earlier);
        checkCount(problems, patch.count(), false);
        Optional<Window> window = patch.window() == null ? Optional.of(current.window())
                : patch.window().parse(problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        if (current.deletionRequested()) {
            throw new io.stackpilot.core.error.ConflictException(KIND + " " + current.name() + " is being deleted");
        }
        Instant now = clock.instant();
        Schedule changed = current.with(patch.count() == null ? current.count() : patch.count(),
                window.orElseThrow(), patch.enabled() == null ? current.enabled() : patch.enabled(), now);
        return view(schedules.update(changed).orElseThrow(() -> new NotFoundException(KIND, ref)), now);
    }

    /** Asks for deletion: the engine removes its servers, then the schedule. Idempotent while that runs. */
    public ScheduleView delete(Session session, String ref) {
        Schedule current = find(session, ref);
        Instant now = clock.instant();
        if (current.deletionRequested()) {
            return view(current, now);
        }
        return view(schedules.update(current.deleting(now)).orElseThrow(() -> new NotFoundException(KIND, ref)),
                now);
    }

    /** The windows it served, newest first. */
    public List<ScheduleRun> runs(Session session, String ref, int limit) {
        return schedules.runs(find(session, ref).id(), limit);
    }

    private Schedule find(Session session, String ref) {
        String projectId = session.project().id();
        Optional<Schedule> found = parseId(ref).flatMap(schedules::findById)
                .filter(schedule -> schedule.projectId().equals(projectId));
        return found.or(() -> schedules.find(projectId, ref)).orElseThrow(() -> new NotFoundException(KIND, ref));
    }

    private ScheduleView view(Schedule schedule, Instant now) {
        return ScheduleView.at(schedule, now, List.copyOf(ScheduleServers.of(schedule, resources).values()));
    }

    private static void checkCount(List<FieldProblem> problems, Integer count, boolean required) {
        if (count == null) {
            if (required) {
                problems.add(new FieldProblem("count", "is required (1.." + Schedule.MAX_COUNT + ")"));
            }
        } else if (count < 1 || count > Schedule.MAX_COUNT) {
            problems.add(new FieldProblem("count", "must be 1.." + Schedule.MAX_COUNT + ", was " + count));
        }
    }

    private static Optional<UUID> parseId(String ref) {
        try {
            return Optional.of(UUID.fromString(ref));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
