package io.stackpilot.core.testing.contract;

import io.stackpilot.core.testing.InMemoryScheduleRepository;

class InMemoryScheduleRepositoryContractTest extends ScheduleRepositoryContract {

    @Override
    protected InMemoryScheduleRepository newRepository() {
        return new InMemoryScheduleRepository();
    }
}
