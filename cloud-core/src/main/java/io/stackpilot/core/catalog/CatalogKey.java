package io.stackpilot.core.catalog;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Require;
import io.stackpilot.core.identity.Session;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whose catalog list an entry of a {@link CatalogCache} is: one kind of list ({@code type}: flavors, images or
 * networks) at one location, as one project sees it with one set of roles. The roles are part of the key because
 * the clouds' visibility depends on them as well as on the project (an admin token lists every project's networks
 * and images), so a member never gets the list an admin of the same project was answered.
 */
public record CatalogKey<T>(Class<T> type, Location location, String projectId, Set<String> roles) {
    public CatalogKey {
        Require.notNull(type, "type");
        Require.notNull(location, "location");
        Require.notBlank(projectId, "projectId");
        roles = Require.notNull(roles, "roles").stream().map(role -> role.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The key of the session's view of {@code type}: its location, its scoped project and its roles. */
    public static <T> CatalogKey<T> of(Class<T> type, Session session) {
        return new CatalogKey<>(type, session.location(), session.project().id(), session.principal().roles());
    }
}
