package io.stackpilot.core.testing.contract;

import io.stackpilot.core.testing.InMemoryIdempotencyRepository;

class InMemoryIdempotencyRepositoryContractTest extends IdempotencyRepositoryContract {

    @Override
    protected InMemoryIdempotencyRepository newRepository() {
        return new InMemoryIdempotencyRepository();
    }
}
