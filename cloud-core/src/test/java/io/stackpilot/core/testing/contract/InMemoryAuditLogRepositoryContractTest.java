package io.stackpilot.core.testing.contract;

import io.stackpilot.core.testing.InMemoryAuditLogRepository;

class InMemoryAuditLogRepositoryContractTest extends AuditLogRepositoryContract {

    @Override
    protected InMemoryAuditLogRepository newRepository() {
        return new InMemoryAuditLogRepository();
    }
}
