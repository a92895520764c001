package io.stackpilot.server.jobs;

import io.stackpilot.core.testing.InMemoryLeaseRepository;
import io.stackpilot.core.testing.InMemoryStatsSampleRepository;

/** The 48-hour three-replica simulation over the in-memory stores. */
class InMemoryStatsJobSimulationTest extends StatsJobSimulationContract {

    @Override
    protected SharedStores newStores() {
        return new SharedStores(new InMemoryStatsSampleRepository(), new InMemoryLeaseRepository());
    }
}
