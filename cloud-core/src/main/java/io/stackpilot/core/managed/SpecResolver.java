package io.stackpilot.core.managed;

import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.image.Image;
import io.stackpilot.core.image.ImageGateway;
import io.stackpilot.core.location.LocationGateway;
import io.stackpilot.core.placement.Placement;
import io.stackpilot.core.network.Network;
import io.stackpilot.core.network.NetworkGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns what the caller wrote into a spec with resolved ids, using the caller's own session (so the cloud's view of
 * the caller's project decides what exists). An id wins over a name; a name that two resources share is
 * ambiguous. Throws {@link InvalidRequestException} listing EVERY problem, before anything is stored.
 */
public final class SpecResolver {
    private final ComputeGateway compute;
    private final ImageGateway images;
    private final NetworkGateway networks;
    private final LocationGateway locations;

    public SpecResolver(ComputeGateway compute, ImageGateway images, NetworkGateway networks) {
        this(compute, images, networks, null);
    }

    /**
     * Also checking a placement against the configured {@code locations} and storing it in its canonical form;
     * without them (null) a placement is kept as the caller wrote it.
     */
    public SpecResolver(ComputeGateway compute, ImageGateway images, NetworkGateway networks,
                        LocationGateway locations) {
        this.locations = locations;
        this.compute = compute;
        this.images = images;
        this.networks = networks;
    }

    /** The spec of a managed server {@code name}; every problem in one {@link InvalidRequestException}. */
    public ManagedServerSpec resolve(Session session, String name, ApplyRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (name == null || !ManagedServer.NAME.matcher(name).matches()) {
            problems.add(new FieldProblem("name", "must be a DNS label: lower-case letters, digits and '-', 1-63 "
                    + "characters, starting and ending with a letter or digit"));
        }
        UpdatePolicy policy = UpdatePolicy.MANUAL;
        if (request.updatePolicy() != null) {
            try {
                policy = UpdatePolicy.parse(request.updatePolicy());
            } catch (IllegalArgumentException unknown) {
                problems.add(new FieldProblem("update_policy", "must be \"manual\" or \"replace\""));
            }
        }
        String flavorId = blank(request.flavor()) ? missing(problems, "flavor")
                : one(problems, "flavor", request.flavor(), compute.listFlavors(session), Flavor::id, Flavor::name);
        String imageId = blank(request.image()) ? missing(problems, "image")
                : one(problems, "image", request.image(), images.listImages(session), Image::id, Image::name);
        List<String> networkIds = new ArrayList<>();
        if (request.networks().isEmpty()) {
            problems.add(new FieldProblem("networks", "needs at least one network"));
        } else {
            List<Network> known = networks.listNetworks(session);
            for (String wanted : request.networks()) {
                networkIds.add(blank(wanted) ? missing(problems, "networks")
                        : one(problems, "networks", wanted, known, Network::id, Network::name));
            }
        }
        String placement = request.placement();
        if (placement != null && locations != null) {
            try {
                placement = Placement.parse(placement, locations.locations()).toJson();
            } catch (InvalidRequestException invalid) {
                problems.addAll(invalid.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new ManagedServerSpec(flavorId, imageId, networkIds, request.flavor(), request.image(),
                request.networks(), Boolean.TRUE.equals(request.preemptible()), policy, placement);
    }

    private static <T> String one(List<FieldProblem> problems, String field, String wanted, List<T> known,
                                  Function<T, String> id, Function<T, String> name) {
        for (T candidate : known) {
            if (id.apply(candidate).equals(wanted)) {
                return id.apply(candidate);
            }
        }
        List<T> named = known.stream().filter(candidate -> wanted.equals(name.apply(candidate))).toList();
        if (named.size() == 1) {
            return id.apply(named.getFirst());
        }
        String kind = field.equals("networks") ? "network" : field;
        problems.add(new FieldProblem(field, named.isEmpty() ? "no " + kind + " with id or name \"" + wanted + "\""
                : named.size() + " " + kind + "s are named \"" + wanted + "\"; give the id"));
        return null;
    }

    private static String missing(List<FieldProblem> problems, String field) {
        problems.add(new FieldProblem(field, "is required"));
        return null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
