package io.stackpilot.core.testing.contract;

import io.stackpilot.core.testing.InMemoryStatsSampleRepository;

class InMemoryStatsSampleRepositoryContractTest extends StatsSampleRepositoryContract {

    @Override
    protected InMemoryStatsSampleRepository newRepository() {
        return new InMemoryStatsSampleRepository();
    }
}
