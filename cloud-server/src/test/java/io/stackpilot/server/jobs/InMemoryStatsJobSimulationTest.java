package io.stackpilot.server.jobs;

import io.stackpilot.core.testing.InMemoryLeaseRepository;
import io.stackpilot.core.testing.InMemoryStatsSampleRepository;
import java.time.Clock;

/** The 48-hour three-replica simulation over the in-memory stores. */
class InMemoryStatsJobSimulationTest extends StatsJobSimulationContract {

    @Override
    protected SharedStores newStores(Clock storeClock) {
        return new SharedStores(new InMemoryStatsSampleRepository(), new InMemoryLeaseRepository(storeClock));
    }
}
