package io.stackpilot.core.testing.contract;

import io.stackpilot.core.testing.InMemoryLeaseRepository;
import java.time.Clock;

class InMemoryLeaseRepositoryContractTest extends LeaseRepositoryContract {

    @Override
    protected InMemoryLeaseRepository newRepository(Clock storeClock) {
        return new InMemoryLeaseRepository(storeClock);
    }
}
