package io.stackpilot.core.testing.contract;

import io.stackpilot.core.testing.InMemoryPreemptionRepository;

class InMemoryPreemptionRepositoryContractTest extends PreemptionRepositoryContract {

    @Override
    protected InMemoryPreemptionRepository newRepository() {
        return new InMemoryPreemptionRepository();
    }
}
