package io.stackpilot.core.testing.contract;

import io.stackpilot.core.testing.InMemoryLeaseRepository;

class InMemoryLeaseRepositoryContractTest extends LeaseRepositoryContract {

    @Override
    protected InMemoryLeaseRepository newRepository() {
        return new InMemoryLeaseRepository();
    }
}
