package io.stackpilot.core.flavor;

import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.identity.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates the flavors of {@code STACKPILOT_INIT_FLAVORS} at start, idempotently and once with several replicas
 * starting together: under a {@link ClusterLock}, each replica lists the flavors and creates only the missing ones,
 * so the second finds what the first made. A flavor of that name with another shape is reported and never changed.
 * Thread-safe.
 */
public final class FlavorInitializer {
    public static final String LOCK = "stackpilot:init-flavors";
    /** The variable the daemon's operator sets; errors of {@link #initialize(Session, List)} name it. */
    public static final String VARIABLE = "STACKPILOT_INIT_FLAVORS";

    private final FlavorAdminGateway flavors;
    private final ClusterLock lock;

    public FlavorInitializer(FlavorAdminGateway flavors, ClusterLock lock) {
        this.flavors = flavors;
        this.lock = lock;
    }

    /** What happened to one wanted flavor. */
    public enum Outcome { CREATED, PRESENT, SHAPE_MISMATCH }

    /** One line of the report: the wanted shape, what happened, and the flavor found or made. */
    public record Result(FlavorShape wanted, Outcome outcome, Flavor flavor) {
        public String describe() {
            return switch (outcome) {
                case CREATED -> "flavor " + wanted.name() + " created (" + wanted.describe() + ", id "
                        + flavor.id() + ")";
                case PRESENT -> "flavor " + wanted.name() + " exists with the wanted shape (id " + flavor.id() + ")";
                case SHAPE_MISMATCH -> "flavor " + wanted.name() + " exists (id " + flavor.id() + ") with "
                        + flavor.vcpus() + " vCPU, " + flavor.ramMb() + " MiB RAM, " + flavor.diskGb()
                        + " GiB disk, not " + wanted.describe() + "; it was left unchanged";
            };
        }
    }

    /**
     * The flavors of {@value #VARIABLE}.
     *
     * @throws ForbiddenException with a message naming {@value #VARIABLE} and what is missing when the service
     *         account may not create flavors (the cloud's admin role)
     */
    public List<Result> initialize(Session serviceSession, List<FlavorShape> wanted) {
        return initialize(serviceSession, wanted, VARIABLE);
    }

    /**
     * As {@link #initialize(Session, List)}, for flavors that {@code origin} asked for (e.g. a Flavor object): its
     * errors start with {@code origin}, the thing the user wrote and can change.
     */
    public List<Result> initialize(Session serviceSession, List<FlavorShape> wanted, String origin) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        return lock.whileHolding(LOCK, () -> {
            List<Flavor> existing = listAll(serviceSession, origin);
            List<Result> results = new ArrayList<>();
            for (FlavorShape shape : wanted) {
                Optional<Flavor> named = existing.stream().filter(flavor -> flavor.name().equals(shape.name()))
                        .findFirst();
                if (named.isPresent()) {
                    results.add(new Result(shape, shape.matches(named.get()) ? Outcome.PRESENT
                            : Outcome.SHAPE_MISMATCH, named.get()));
                } else {
                    results.add(create(serviceSession, shape, origin));
                }
            }
            return results;
        });
    }

    private List<Flavor> listAll(Session session, String origin) {
        try {
            return flavors.listAllFlavors(session);
        } catch (ForbiddenException forbidden) {
            throw new ForbiddenException(origin + ": the service account (user " + session.principal().user().name()
                    + ") may not list every flavor; creating flavors needs the cloud's admin role ("
                    + forbidden.getMessage() + ")");
        }
    }

    private Result create(Session session, FlavorShape shape, String origin) {
        try {
            return new Result(shape, Outcome.CREATED, flavors.createFlavor(session, shape));
        } catch (ForbiddenException forbidden) {
            throw new ForbiddenException(origin + ": the service account (user "
                    + session.principal().user().name() + ") may not create flavor " + shape.name()
                    + "; creating flavors needs the cloud's admin role (" + forbidden.getMessage() + ")");
        } catch (ConflictException madeMeanwhile) {
            // Made outside the lock (another tool, an older replica): compare it as if it had been listed.
            Flavor found = flavors.listAllFlavors(session).stream()
                    .filter(flavor -> flavor.name().equals(shape.name())).findFirst().orElseThrow(() -> madeMeanwhile);
            return new Result(shape, shape.matches(found) ? Outcome.PRESENT : Outcome.SHAPE_MISMATCH, found);
        }
    }
}
