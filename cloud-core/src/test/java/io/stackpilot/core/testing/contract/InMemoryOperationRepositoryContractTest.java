package io.stackpilot.core.testing.contract;

import io.stackpilot.core.testing.InMemoryOperationRepository;

class InMemoryOperationRepositoryContractTest extends OperationRepositoryContract {

    @Override
    protected InMemoryOperationRepository newRepository() {
        return new InMemoryOperationRepository();
    }
}
