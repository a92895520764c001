package io.stackpilot.core.managed;

import io.stackpilot.core.catalog.CatalogService;
import io.stackpilot.core.catalog.Freshness;
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
import java.util.function.Supplier;

/**
 * Turns what the caller wrote into a spec with resolved ids, using the caller's own session (so the cloud's view of
 * the caller's project decides what exists). An id wins over a name; a name that two resources share is
 * ambiguous. Throws {@link InvalidRequestException} listing EVERY problem, before anything is stored.
 *
 * <p>The lists come from a {@link CatalogService}, so with its cache a steady stream of applies does not list the
 * catalog each time (the cache keys each list by the caller's project and roles, so visibility is the cloud's). A
 * flavor, image or network that the stored list lacks (or names twice) is looked up once more in a fresh list
 * before it is reported, so something made a moment ago (a Flavor object's flavor) is found at once.
 */
public final class SpecResolver {
    private final CatalogService catalog;
    private final LocationGateway locations;

    /** Over an uncached catalog: every resolve lists flavors, images and networks. */
    public SpecResolver(ComputeGateway compute, ImageGateway images, NetworkGateway networks) {
        this(new CatalogService(compute, images, networks), null);
    }

    /** Over an uncached catalog, checking placements against {@code locations} (see the next constructor). */
    public SpecResolver(ComputeGateway compute, ImageGateway images, NetworkGateway networks,
                        LocationGateway locations) {
        this(new CatalogService(compute, images, networks), locations);
    }

    /**
     * Resolving through {@code catalog}; also checking a placement against the configured {@code locations} and
     * storing it in its canonical form; without them (null) a placement is kept as the caller wrote it.
     */
    public SpecResolver(CatalogService catalog, LocationGateway locations) {
        this.catalog = catalog;
        this.locations = locations;
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
                : one(problems, "flavor", request.flavor(), lists(freshness -> catalog.flavors(session, freshness)),
                        Flavor::id, Flavor::name);
        String imageId = blank(request.image()) ? missing(problems, "image")
                : one(problems, "image", request.image(), lists(freshness -> catalog.images(session, freshness)),
                        Image::id, Image::name);
        List<String> networkIds = new ArrayList<>();
        if (request.networks().isEmpty()) {
            problems.add(new FieldProblem("networks", "needs at least one network"));
        } else {
            Lists<Network> known = lists(freshness -> catalog.networks(session, freshness));
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

    /** The stored list first; a fresh one (asked for at most once) when the stored one does not answer. */
    private static <T> String one(List<FieldProblem> problems, String field, String wanted, Lists<T> known,
                                  Function<T, String> id, Function<T, String> name) {
        String found = find(wanted, known.cached(), id, name);
        if (found != null) {
            return found;
        }
        List<T> fresh = known.fresh();
        found = find(wanted, fresh, id, name);
        if (found != null) {
            return found;
        }
        List<T> named = fresh.stream().filter(candidate -> wanted.equals(name.apply(candidate))).toList();
        String kind = field.equals("networks") ? "network" : field;
        problems.add(new FieldProblem(field, named.isEmpty() ? "no " + kind + " with id or name \"" + wanted + "\""
                : named.size() + " " + kind + "s are named \"" + wanted + "\"; give the id"));
        return null;
    }

    /** The id of the resource with id {@code wanted}, else of the one resource named so; null otherwise. */
    private static <T> String find(String wanted, List<T> known, Function<T, String> id, Function<T, String> name) {
        for (T candidate : known) {
            if (id.apply(candidate).equals(wanted)) {
                return id.apply(candidate);
            }
        }
        List<T> named = known.stream().filter(candidate -> wanted.equals(name.apply(candidate))).toList();
        return named.size() == 1 ? id.apply(named.getFirst()) : null;
    }

    private static <T> Lists<T> lists(Function<Freshness, List<T>> list) {
        return new Lists<>(() -> list.apply(Freshness.CACHED), () -> list.apply(Freshness.FRESH));
    }

    /** One kind of catalog list, each of its two forms loaded at most once per resolve. */
    private static final class Lists<T> {
        private final Supplier<List<T>> cachedLoad;
        private final Supplier<List<T>> freshLoad;
        private List<T> cached;
        private List<T> fresh;

        Lists(Supplier<List<T>> cachedLoad, Supplier<List<T>> freshLoad) {
            this.cachedLoad = cachedLoad;
            this.freshLoad = freshLoad;
        }

        List<T> cached() {
            if (fresh != null) {
                return fresh;
            }
            if (cached == null) {
                cached = cachedLoad.get();
            }
            return cached;
        }

        List<T> fresh() {
            if (fresh == null) {
                fresh = freshLoad.get();
            }
            return fresh;
        }
    }

    private static String missing(List<FieldProblem> problems, String field) {
        problems.add(new FieldProblem(field, "is required"));
        return null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
