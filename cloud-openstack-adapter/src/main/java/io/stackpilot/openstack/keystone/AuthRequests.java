package io.stackpilot.openstack.keystone;

import io.stackpilot.core.identity.ApplicationCredentials;
import io.stackpilot.core.identity.Credentials;
import io.stackpilot.core.identity.PasswordCredentials;
import io.stackpilot.openstack.CloudSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Builds the bodies of {@code POST /v3/auth/tokens}: password (project-scoped) and application credential. */
final class AuthRequests {
    /** Keystone ids are 32 hex digits; the Default domain's id is "default". */
    private static final Pattern KEYSTONE_ID = Pattern.compile("[0-9a-f]{32}|default");

    private AuthRequests() {
    }

    static Map<String, Object> forCredentials(Credentials credentials) {
        return switch (credentials) {
            case PasswordCredentials password -> password(password.username(), password.password(),
                    ref(password.userDomain()), projectScope(password.project(), ref(password.projectDomain())));
            case ApplicationCredentials application -> applicationCredential(application.id(), application.secret());
        };
    }

    static Map<String, Object> forServiceAccount(CloudSettings settings) {
        if (settings.authType() == CloudSettings.AuthType.APPLICATION_CREDENTIAL) {
            return applicationCredential(settings.applicationCredentialId(), settings.applicationCredentialSecret());
        }
        Map<String, Object> userDomain = idOrName(settings.userDomainId(), settings.userDomainName());
        Map<String, Object> project = settings.projectId() != null ? Map.of("id", settings.projectId())
                : Map.of("name", settings.projectName(), "domain",
                        idOrName(settings.projectDomainId(), settings.projectDomainName()));
        return password(settings.username(), settings.password(), userDomain, Map.of("project", project));
    }

    /** The service account's password login, scoped to the given project id (whatever project it is set up for). */
    static Map<String, Object> forServiceAccountInProject(CloudSettings settings, String projectId) {
        Map<String, Object> userDomain = idOrName(settings.userDomainId(), settings.userDomainName());
        return password(settings.username(), settings.password(), userDomain,
                Map.of("project", Map.of("id", projectId)));
    }

    private static Map<String, Object> password(String username, String secret, Map<String, Object> userDomain,
                                                Map<String, Object> scope) {
        Map<String, Object> user = Map.of("name", username, "domain", userDomain, "password", secret);
        Map<String, Object> identity = Map.of("methods", List.of("password"), "password", Map.of("user", user));
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("identity", identity);
        auth.put("scope", scope);
        return Map.of("auth", auth);
    }

    private static Map<String, Object> applicationCredential(String id, String secret) {
        Map<String, Object> identity = Map.of("methods", List.of("application_credential"),
                "application_credential", Map.of("id", id, "secret", secret));
        return Map.of("auth", Map.of("identity", identity));
    }

    private static Map<String, Object> projectScope(String project, Map<String, Object> domain) {
        return Map.of("project", KEYSTONE_ID.matcher(project).matches() ? Map.of("id", project)
                : Map.of("name", project, "domain", domain));
    }

    private static Map<String, Object> ref(String domain) {
        return KEYSTONE_ID.matcher(domain).matches() ? Map.of("id", domain) : Map.of("name", domain);
    }

    private static Map<String, Object> idOrName(String id, String name) {
        return id != null ? Map.of("id", id) : Map.of("name", name);
    }
}
