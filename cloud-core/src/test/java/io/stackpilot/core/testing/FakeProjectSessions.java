package io.stackpilot.core.testing;

import io.stackpilot.core.identity.Principal;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.identity.UserRef;
import io.stackpilot.core.managed.ProjectSessions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Service sessions as the lab's admin gets them: scoped to the asked project, with the admin role (so the fake
 * cloud's all-projects listing would work too: the engine must not rely on that). Counts sessions per project.
 * {@link #scopeEverythingTo} makes it misbehave (every session scoped to one project), for ownership tests.
 */
public final class FakeProjectSessions implements ProjectSessions {
    private final Map<String, AtomicInteger> opened = new ConcurrentHashMap<>();
    private volatile String forcedProject;

    @Override
    public Session forProject(String projectId) {
        opened.computeIfAbsent(projectId, p -> new AtomicInteger()).incrementAndGet();
        String scoped = forcedProject != null ? forcedProject : projectId;
        Principal principal = Principal.projectScoped(new UserRef("admin-user-id", "admin", TestData.DEFAULT_DOMAIN),
                new ProjectRef(scoped, scoped, TestData.DEFAULT_DOMAIN), Set.of("admin", "member"),
                TestData.TOKEN_EXPIRY);
        return new Session("service-token-" + scoped, principal, TestData.LOCATION);
    }

    public void scopeEverythingTo(String projectId) {
        this.forcedProject = projectId;
    }

    public int opened(String projectId) {
        AtomicInteger count = opened.get(projectId);
        return count == null ? 0 : count.get();
    }
}
