package io.stackpilot.core.identity;

import io.stackpilot.core.common.Require;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, as Keystone validated the token: the user, the project the token is scoped to (absent for
 * unscoped and domain-scoped tokens), the domain of a domain-scoped token, the role names and the token's expiry.
 */
public record Principal(UserRef user, ProjectRef project, DomainRef domainScope, Set<String> roles, Instant expiresAt) {
    public Principal {
        Require.notNull(user, "user");
        Require.notNull(expiresAt, "expiresAt");
        roles = Set.copyOf(Require.notNull(roles, "roles"));
    }

    public static Principal projectScoped(UserRef user, ProjectRef project, Set<String> roles, Instant expiresAt) {
        return new Principal(user, Require.notNull(project, "project"), null, roles, expiresAt);
    }

    public Optional<ProjectRef> scopedProject() {
        return Optional.ofNullable(project);
    }

    public Optional<DomainRef> scopedDomain() {
        return Optional.ofNullable(domainScope);
    }

    public boolean hasRole(String role) {
        return roles.stream().anyMatch(r -> r.equalsIgnoreCase(role));
    }
}
