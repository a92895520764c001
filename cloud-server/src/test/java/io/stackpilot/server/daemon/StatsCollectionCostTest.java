package io.stackpilot.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One statistics collection through the real OpenStack adapter (HTTP, JSON) over the stub cloud with 1,000 servers
 * (900 ACTIVE) in 1, 10 and 100 allowed projects. The calls are asserted (one Keystone project list, one domain
 * list, one Nova server page: the number of projects does not matter); the times are only printed.
 */
class StatsCollectionCostTest {
    private static final int SERVERS = 1_000;

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 100})
    void a_collection_costs_three_calls_whatever_the_number_of_projects(int projects) {
        try (StubCloud stub = new StubCloud()) {
            stub.generate(projects, SERVERS);

            StatsCollectionCost.Result result = StatsCollectionCost.measure(stub.serviceAccount(),
                    project -> project.id().startsWith("sta-p-"), 5, 20);

            System.out.println(result.line("stats collection over the stub cloud (adapter, HTTP, JSON), " + SERVERS
                    + " servers"));
            assertThat(result.projects()).isEqualTo(projects);
            assertThat(result.running()).isEqualTo(SERVERS - SERVERS / 10);
            assertThat(result.callsPerCollection()).isEqualTo(Map.of("identity", 2, "compute", 1));
        }
    }
}
