package io.stackpilot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.location.AcrossLocations;
import io.stackpilot.core.location.LocationFanOut;
import io.stackpilot.core.location.LocationGateway;
import io.stackpilot.core.location.ProviderLocation;
import io.stackpilot.core.location.ServersAcrossLocations;
import io.stackpilot.openstack.CloudSettings;
import io.stackpilot.openstack.OpenStackCloud;
import io.stackpilot.openstack.UpstreamObserver;
import io.stackpilot.server.http.ApiJsonMapper;
import io.stackpilot.server.http.ServerJson;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 17: {@code GET /api/v1/servers?location=all} over 1, 3 and 10 locations, each a stub cloud
 * ({@link BenchCloud}, in this JVM) with 1,000 servers: the fan-out ({@link ServersAcrossLocations} under its one
 * deadline), each location's Nova list through the real adapter (HTTP, JSON parsing, one page of 1,000), and the
 * answer rendered as the route renders it. Not measured: the HTTP front and the token check (the same for every
 * route; part 3). Prints time (p50, p95), the answer's size, the bytes allocated per list (by the whole JVM, the
 * stubs' serving included) and the largest heap live after a GC during the runs.
 *
 * <p>{@code AcrossLocationsCost <runs>}
 */
public final class AcrossLocationsCost {
    private static final int SERVERS = 1_000;

    private AcrossLocationsCost() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        ObjectMapper mapper = ApiJsonMapper.mapper();
        LiveHeap heap = new LiveHeap();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int count : new int[] {1, 3, 10}) {
            List<BenchCloud> stubs = new ArrayList<>();
            List<OpenStackCloud> clouds = new ArrayList<>();
            try {
                List<ProviderLocation> locations = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    BenchCloud stub = new BenchCloud(0, SERVERS, 1);
                    stubs.add(stub);
                    clouds.add(OpenStackCloud.connect(settings(stub), UpstreamObserver.NONE));
                    locations.add(new ProviderLocation(new Location("stub-" + i, "RegionOne"), i + 1));
                }
                ServersAcrossLocations across = new ServersAcrossLocations(
                        new LocationFanOut(gateway(locations), LocationFanOut.DEFAULT_ANSWER_WITHIN),
                        (caller, location, query) -> {
                            OpenStackCloud cloud = clouds.get(location.priority() - 1);
                            return cloud.compute().listServers(cloud.serviceSession(), query);
                        });
                Session caller = clouds.getFirst().serviceSession();
                ServerQuery query = new ServerQuery(null, null, 1000, null, false, null);
                for (int warm = 0; warm < 20; warm++) {
                    render(mapper, across.list(caller, LocationFanOut.ALL, query));
                }
                heap.reset();
                Samples nanos = new Samples();
                long allocatedBefore = threads.getTotalThreadAllocatedBytes();
                int bytes = 0;
                int rows = 0;
                for (int run = 0; run < runs; run++) {
                    long start = System.nanoTime();
                    AcrossLocations<Server> answer = across.list(caller, LocationFanOut.ALL, query);
                    bytes = render(mapper, answer).length;
                    nanos.add(System.nanoTime() - start);
                    rows = answer.items().size();
                    if (!answer.unavailable().isEmpty()) {
                        throw new IllegalStateException("a stub location was unavailable: " + answer.unavailable());
                    }
                }
                long allocated = (threads.getTotalThreadAllocatedBytes() - allocatedBefore) / runs;
                Row.print("17 locations", String.format("GET /api/v1/servers?location=all, %d location(s) x %d"
                                + " servers (%d rows)", count, SERVERS, rows),
                        Samples.ms(nanos.median()) + " p50, " + Samples.ms(nanos.percentile(95)) + " p95",
                        "-", String.format("%.1f MB answer, %.0f MB allocated per list", bytes / 1e6,
                                allocated / 1e6),
                        String.format("live heap after GC at most %.0f MB (%d GCs); %d runs; %s",
                                heap.peakAfterGcBytes() / 1e6, heap.collections(), runs, Row.load()));
            } finally {
                clouds.forEach(OpenStackCloud::close);
                stubs.forEach(BenchCloud::close);
            }
        }
    }

    private static byte[] render(ObjectMapper mapper, AcrossLocations<Server> answer) throws Exception {
        return mapper.writeValueAsBytes(new ServerJson.AcrossPage(answer.items().stream().map(ServerJson::located)
                .toList(), answer.unavailable().stream().map(u -> new ServerJson.UnavailableJson(u.location(),
                u.reason())).toList(), answer.nextMarkers()));
    }

    private static LocationGateway gateway(List<ProviderLocation> locations) {
        return new LocationGateway() {
            @Override
            public List<ProviderLocation> locations() {
                return locations;
            }

            @Override
            public ComputeLimits limits(Location location) {
                throw new UnsupportedOperationException("not asked by the list");
            }

            @Override
            public Session serviceSession(Location location) {
                throw new UnsupportedOperationException("not asked by the list");
            }
        };
    }

    private static CloudSettings settings(BenchCloud stub) {
        List<String> problems = new ArrayList<>();
        CloudSettings settings = CloudSettings.fromEnvironment(stub.serviceAccount(), problems);
        if (settings == null || !problems.isEmpty()) {
            throw new IllegalStateException(problems.toString());
        }
        return settings;
    }
}
