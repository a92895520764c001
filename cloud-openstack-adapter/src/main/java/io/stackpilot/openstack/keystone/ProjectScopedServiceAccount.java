package io.stackpilot.openstack.keystone;

import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.error.UnauthenticatedException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.identity.UpstreamTrace;
import io.stackpilot.core.managed.ProjectSessions;
import io.stackpilot.openstack.CloudSettings;
import io.stackpilot.openstack.http.SingleFlight;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service account's sessions scoped to one owner project each, for the desired-state engine: a password login
 * scoped to the project id, cached per project until {@link ServiceAccount#RENEW_BEFORE_EXPIRY} before it expires,
 * one login per project at a time ({@link SingleFlight}). An application credential is bound to the one project it
 * was made in, so with one only that project is served. Every token is checked to be scoped to exactly the asked
 * project. Thread-safe.
 */
public final class ProjectScopedServiceAccount implements ProjectSessions {
    private final CloudSettings settings;
    private final ServiceAccount serviceAccount;
    private final KeystoneTokens tokens;
    private final Clock clock;
    private final Map<String, KeystoneTokens.Issued> current = new ConcurrentHashMap<>();
    private final Map<String, SingleFlight<KeystoneTokens.Issued>> logins = new ConcurrentHashMap<>();

    public ProjectScopedServiceAccount(CloudSettings settings, ServiceAccount serviceAccount, KeystoneTokens tokens,
                                       Clock clock) {
        this.settings = settings;
        this.serviceAccount = serviceAccount;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * @throws ForbiddenException when the service account has no role in the project (Keystone refuses the scope),
     *         or authenticates with an application credential of another project
     */
    @Override
    public Session forProject(String projectId) {
        KeystoneTokens.Issued issued = settings.authType() == CloudSettings.AuthType.APPLICATION_CREDENTIAL
                ? serviceAccount.issued() : scoped(projectId);
        String scopedTo = issued.principal().scopedProject().map(p -> p.id()).orElse(null);
        if (!projectId.equals(scopedTo)) {
            throw new ForbiddenException("the service account's token is scoped to project " + scopedTo
                    + ", not to " + projectId + " (an application credential serves its own project only)");
        }
        return new Session(issued.token(), issued.principal(), settings.location());
    }

    private KeystoneTokens.Issued scoped(String projectId) {
        KeystoneTokens.Issued fresh = fresh(projectId);
        if (fresh != null) {
            return fresh;
        }
        return logins.computeIfAbsent(projectId, p -> new SingleFlight<>()).run(() -> {
            KeystoneTokens.Issued again = fresh(projectId);
            if (again != null) {
                return again;
            }
            try {
                KeystoneTokens.Issued issued = tokens.issue(AuthRequests.forServiceAccountInProject(settings,
                        projectId), new UpstreamTrace());
                current.put(projectId, issued);
                return issued;
            } catch (UnauthenticatedException refused) {
                throw new ForbiddenException("the service account may not act in project " + projectId
                        + " (it needs a role there)", refused.upstreamRequestId().orElse(null));
            }
        });
    }

    private KeystoneTokens.Issued fresh(String projectId) {
        KeystoneTokens.Issued issued = current.get(projectId);
        return issued != null && clock.instant().plus(ServiceAccount.RENEW_BEFORE_EXPIRY)
                .isBefore(issued.principal().expiresAt()) ? issued : null;
    }
}
