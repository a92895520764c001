package io.stackpilot.core.location;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.common.Require;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.identity.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The caller's servers of every location, or of one ({@code GET /api/v1/servers?location=all|cloud/region}). The
 * locations are asked at the same time under one deadline ({@link LocationFanOut}); one that is down or slow is named
 * unavailable and the others still answer. Paging: {@code limit} applies per location, and a location with more
 * servers gives its own next marker, which continues there when that one location is asked with it; a marker is
 * refused with {@value LocationFanOut#ALL} (no marker spans locations). Identical lists in flight at the same time
 * (same caller scope, location and query: a client polling, a console open twice) ask the location once and share
 * its answer ({@link InFlight}); callers of another project, user or token never share. Thread-safe.
 */
public final class ServersAcrossLocations {
    private final LocationFanOut fanOut;
    private final LocationServerSource source;
    private final InFlight<Flight, Page<Server>> inFlight;

    public ServersAcrossLocations(LocationFanOut fanOut, LocationServerSource source) {
        this(fanOut, source, new InFlight<>());
    }

    ServersAcrossLocations(LocationFanOut fanOut, LocationServerSource source,
                           InFlight<Flight, Page<Server>> inFlight) {
        this.fanOut = Require.notNull(fanOut, "fanOut");
        this.source = Require.notNull(source, "source");
        this.inFlight = Require.notNull(inFlight, "inFlight");
    }

    /** What one location's page depends on: whose call it is, where, and the query. */
    record Flight(CallerScope caller, Location location, ServerQuery query) {
    }

    /**
     * @param selector {@value LocationFanOut#ALL} or {@code cloud/region}
     * @param query    the filters and the per-location limit; its marker only with one location
     * @throws InvalidRequestException when the location is unknown, or a marker comes with {@value LocationFanOut#ALL}
     */
    public AcrossLocations<Server> list(Session caller, String selector, ServerQuery query) {
        List<ProviderLocation> where = fanOut.select(selector);
        if (query.marker() != null && LocationFanOut.ALL.equals(selector)) {
            throw InvalidRequestException.of("marker", "cannot be combined with location=all: page one location at"
                    + " a time with location=<cloud/region> and that location's next marker");
        }
        CallerScope scope = CallerScope.of(caller);
        LocationFanOut.Answers<Page<Server>> answers = fanOut.ask(where, location -> inFlight.call(
                new Flight(scope, location.location(), query), () -> source.list(caller, location, query)));
        List<Server> servers = new ArrayList<>();
        Map<String, String> nextMarkers = new LinkedHashMap<>();
        answers.answered().forEach((location, page) -> {
            servers.addAll(page.items());
            page.next().ifPresent(marker -> nextMarkers.put(location.name(), marker));
        });
        return new AcrossLocations<>(servers, answers.unavailable(), nextMarkers);
    }
}
