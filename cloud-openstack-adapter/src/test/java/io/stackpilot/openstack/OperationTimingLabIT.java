package io.stackpilot.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.identity.PasswordCredentials;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.image.Image;
import io.stackpilot.core.network.Network;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Prints, for every gateway operation, how many OpenStack requests it makes and its median time over a few runs
 * against the lab (printed, not asserted: timings belong to reports, not to pass/fail).
 */
class OperationTimingLabIT {
    private static final int RUNS = 5;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> report = new TreeMap<>();

    @Test
    void prints_requests_and_median_time_per_operation() {
        try (OpenStackCloud cloud = Lab.connect("lab-admin", (service, method, status, nanos) ->
                calls.add(service + " " + method + " " + status))) {
            Session admin = cloud.serviceSession();
            Session demo = Lab.login(cloud, "demo", "demo", "demo");
            String image = cloud.images().listImages(demo).stream().filter(i -> i.name().equals("cirros-0.6-lab"))
                    .map(Image::id).findFirst().orElseThrow();
            String network = cloud.networks().listNetworks(demo).stream().filter(n -> n.name().equals("private"))
                    .map(Network::id).findFirst().orElseThrow();
            cloud.compute().limits(demo);

            measure("identity.authenticate (password)", () -> cloud.identity().authenticate(new PasswordCredentials(
                    "demo", "demo", "Default", "demo", "Default")));
            measure("identity.validate", () -> cloud.identity().validate(demo.token()));
            measure("identity.listProjects", () -> cloud.identity().listProjects());
            measure("compute.listFlavors", () -> cloud.compute().listFlavors(demo));
            measure("compute.listServers (all pages)", () -> cloud.compute().listServers(demo, ServerQuery.all()));
            measure("compute.listServers (limit 1)", () -> cloud.compute().listServers(demo,
                    new ServerQuery(null, null, 1, null, false, null)));
            measure("compute.limits", () -> cloud.compute().limits(demo));
            measure("compute.usage (24 h, all projects)", () -> cloud.compute().usage(admin,
                    Instant.now().minus(Duration.ofHours(24)), Instant.now()));
            measure("images.listImages", () -> cloud.images().listImages(demo));
            measure("networks.listNetworks", () -> cloud.networks().listNetworks(demo));
            List<Server> booted = new ArrayList<>();
            measure("compute.boot (POST + GET)", () -> {
                Server server = cloud.compute().boot(demo, new BootRequest(Lab.name("timing"), "1", image,
                        List.of(network), false, null, null, null));
                booted.add(server);
                return server;
            });
            for (Server server : booted) {
                Lab.awaitStatus(cloud, demo, server.id(), ServerStatus.ACTIVE);
            }
            measure("compute.findServer", () -> cloud.compute().findServer(demo, booted.getFirst().id()));
            List<Server> toDelete = new ArrayList<>(booted);
            measure("compute.delete", () -> {
                cloud.compute().delete(demo, toDelete.removeFirst().id());
                return null;
            });
            report.forEach((operation, line) -> System.out.println("TIMING " + operation + ": " + line));
            assertThat(report).hasSize(13);
        }
    }

    private void measure(String operation, Supplier<Object> call) {
        List<Long> millis = new ArrayList<>();
        int requests = 0;
        for (int run = 0; run < RUNS; run++) {
            calls.clear();
            long started = System.nanoTime();
            var unused = call.get(); // timed only; what it returns does not matter
            millis.add((System.nanoTime() - started) / 1_000_000);
            requests = calls.size();
        }
        Collections.sort(millis);
        report.put(operation, requests + " request(s), median " + millis.get(RUNS / 2) + " ms, runs " + millis);
    }
}
