package io.stackpilot.core.testing.contract;

import io.stackpilot.core.testing.InMemoryManagedServerRepository;

class InMemoryManagedServerRepositoryContractTest extends ManagedServerRepositoryContract {

    @Override
    protected InMemoryManagedServerRepository newRepository() {
        return new InMemoryManagedServerRepository();
    }
}
