package io.stackpilot.openstack.keystone;

import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.identity.Credentials;
import io.stackpilot.core.identity.DomainRef;
import io.stackpilot.core.identity.IdentityGateway;
import io.stackpilot.core.identity.IssuedToken;
import io.stackpilot.core.identity.Principal;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.identity.UpstreamTrace;
import io.stackpilot.openstack.http.ApiCall;
import io.stackpilot.openstack.http.OpenStackHttp;
import io.stackpilot.openstack.keystone.KeystoneJson.DomainJson;
import io.stackpilot.openstack.keystone.KeystoneJson.DomainsPage;
import io.stackpilot.openstack.keystone.KeystoneJson.ProjectJson;
import io.stackpilot.openstack.keystone.KeystoneJson.ProjectsPage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Keystone v3 as the core's identity gateway. Logins are one request; validation is one request with the service
 * account's token; project listing is two (projects and domains, for the domain names), plus paging. Thread-safe.
 */
public final class KeystoneIdentityGateway implements IdentityGateway {
    private final OpenStackHttp http;
    private final KeystoneTokens tokens;
    private final ServiceAccount serviceAccount;

    public KeystoneIdentityGateway(OpenStackHttp http, KeystoneTokens tokens, ServiceAccount serviceAccount) {
        this.http = http;
        this.tokens = tokens;
        this.serviceAccount = serviceAccount;
    }

    @Override
    public IssuedToken authenticate(Credentials credentials) {
        KeystoneTokens.Issued issued = tokens.issue(AuthRequests.forCredentials(credentials), new UpstreamTrace());
        return new IssuedToken(issued.token(), issued.principal());
    }

    @Override
    public Principal validate(String token) {
        return tokens.validate(serviceAccount.issued().token(), token, new UpstreamTrace());
    }

    @Override
    public void revoke(Session session) {
        tokens.revoke(session);
    }

    /** All projects for an admin ({@code /v3/projects}); else the account's own ({@code /v3/auth/projects}). */
    @Override
    public List<ProjectRef> listProjects() {
        List<ProjectJson> projects;
        try {
            projects = projects(tokens.url("projects"));
        } catch (ForbiddenException notAdmin) {
            projects = projects(tokens.url("auth", "projects"));
        }
        Map<String, String> domainNames = domainNames();
        return projects.stream().map(project -> {
            String domainId = project.domainId();
            return new ProjectRef(project.id(), project.name(), new DomainRef(domainId,
                    domainNames.getOrDefault(domainId, domainId)));
        }).toList();
    }

    private List<ProjectJson> projects(HttpUrl first) {
        List<ProjectJson> all = new ArrayList<>();
        for (HttpUrl url = first; url != null; ) {
            ProjectsPage page = http.sendForJson(get(url), ProjectsPage.class);
            if (page.projects() != null) {
                all.addAll(page.projects());
            }
            url = page.links() == null || page.links().next() == null ? null : HttpUrl.parse(page.links().next());
        }
        return all;
    }

    /** Domain names by id ({@code /v3/domains}, else the account's own); ids stand in for unknown names. */
    private Map<String, String> domainNames() {
        Map<String, String> names = new HashMap<>();
        try {
            addAll(names, http.sendForJson(get(tokens.url("domains")), DomainsPage.class).domains());
        } catch (ForbiddenException notAdmin) {
            addAll(names, http.sendForJson(get(tokens.url("auth", "domains")), DomainsPage.class).domains());
        }
        return names;
    }

    private static void addAll(Map<String, String> names, List<DomainJson> domains) {
        if (domains != null) {
            domains.forEach(domain -> names.put(domain.id(), domain.name()));
        }
    }

    private ApiCall get(HttpUrl url) {
        return ApiCall.get(KeystoneTokens.SERVICE, url, serviceAccount.issued().token(), new UpstreamTrace());
    }
}
