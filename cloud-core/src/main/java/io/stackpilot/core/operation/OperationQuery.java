package io.stackpilot.core.operation;

import io.stackpilot.core.common.Require;
import java.util.UUID;

/** Which operations of a project to list: null target or state do not filter; newest first, at most {@code limit}. */
public record OperationQuery(String projectId, UUID target, OperationState state, int limit) {
    public OperationQuery {
        Require.notBlank(projectId, "projectId");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }
}
