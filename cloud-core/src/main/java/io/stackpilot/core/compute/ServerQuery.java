package io.stackpilot.core.compute;

/**
 * Which servers to list. Null fields do not filter. With {@code limit} null the gateway follows the cloud's paging
 * to the end and returns one page holding everything; with a limit it returns at most that many and a marker.
 * {@code allProjects} (admin only) lists every project's servers; {@code projectId} then narrows to one project.
 */
public record ServerQuery(ServerStatus status, String name, Integer limit, String marker, boolean allProjects,
                          String projectId) {
    public ServerQuery {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        if (projectId != null && !allProjects) {
            throw new IllegalArgumentException("projectId filters only an all-projects query");
        }
    }

    /** Everything the session's project can see. */
    public static ServerQuery all() {
        return new ServerQuery(null, null, null, null, false, null);
    }

    /** Every project's servers (needs an admin session), optionally only those in one status. */
    public static ServerQuery allProjects(ServerStatus status) {
        return new ServerQuery(status, null, null, null, true, null);
    }
}
