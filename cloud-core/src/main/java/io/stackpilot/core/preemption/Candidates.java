package io.stackpilot.core.preemption;

import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Preemptible servers as candidates, each freeing one instance and its flavor's vCPUs and RAM. A server whose flavor
 * is not in the list (a private flavor of another project) frees one instance and nothing else as far as we know;
 * a deleted server frees nothing and is left out.
 */
final class Candidates {
    private Candidates() {
    }

    static List<Candidate> of(List<Server> servers, List<Flavor> flavors) {
        Map<String, Flavor> byId = flavors.stream().collect(Collectors.toMap(Flavor::id, Function.identity(),
                (first, second) -> first));
        return servers.stream()
                .filter(Server::preemptible)
                .filter(server -> server.status() != ServerStatus.DELETED)
                .map(server -> {
                    Flavor flavor = byId.get(server.flavor().id());
                    return new Candidate(server, flavor == null ? new Resources(1, 0, 0)
                            : new Resources(1, flavor.vcpus(), flavor.ramMb()));
                })
                .toList();
    }
}
