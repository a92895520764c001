package io.stackpilot.core.stats;

import io.stackpilot.core.common.Require;
import io.stackpilot.core.identity.IdentityGateway;
import io.stackpilot.core.identity.ProjectRef;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The projects the statistics cover, resolved anew on every call: the projects the service account sees
 * ({@link IdentityGateway#listProjects()}, one Keystone call) that the operator's allowlist accepts. Thread-safe
 * when the gateway and the predicate are.
 */
public final class AllowedProjects implements Supplier<List<ProjectRef>> {
    private final Supplier<List<ProjectRef>> visible;
    private final Predicate<ProjectRef> allowed;

    private AllowedProjects(Supplier<List<ProjectRef>> visible, Predicate<ProjectRef> allowed) {
        this.visible = Require.notNull(visible, "visible");
        this.allowed = Require.notNull(allowed, "allowed");
    }

    /** The service account's projects that the predicate accepts (e.g. the server's allowlist). */
    public static AllowedProjects of(IdentityGateway identity, Predicate<ProjectRef> allowed) {
        Require.notNull(identity, "identity");
        return new AllowedProjects(identity::listProjects, allowed);
    }

    /** A fixed list, for library users who know their projects and for tests. */
    public static AllowedProjects fixed(List<ProjectRef> projects) {
        List<ProjectRef> copy = List.copyOf(projects);
        return new AllowedProjects(() -> copy, project -> true);
    }

    /** The allowed projects, each once, in the order the identity service listed them. */
    @Override
    public List<ProjectRef> get() {
        return visible.get().stream().filter(allowed).distinct().toList();
    }
}
