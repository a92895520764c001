package io.stackpilot.openstack.keystone;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.OwnedServers;
import io.stackpilot.core.testing.contract.ManagedServerRepositoryContract;
import io.stackpilot.openstack.StubCloud;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's sessions: the service account logs in scoped to the owner's project id, the token is cached until
 * shortly before expiry and used for Nova, VMs are booted with the marker and found by it in the project's list.
 * Nothing here is about timeouts: the stub's read timeout is one that a slow answer under load never reaches (the
 * short default made these tests fail on a loaded machine), and expiry is decided by the stub's clock, not the wall's.
 */
class ProjectScopedServiceAccountTest {
    /** The project the captured login fixture is scoped to (the lab's demo). */
    private static final String DEMO = "4661643948c848969bbdb5760dd254ac";
    private static final String PROJECT_TOKEN = "project-token-demo";
    private final StubCloud stub = new StubCloud(StubCloud.PATIENT_READ_TIMEOUT);

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void logs_in_scoped_to_the_owner_project_id_once_and_reuses_the_token_until_shortly_before_expiry()
            throws Exception {
        stubProjectLogin();

        Session first = stub.cloud.projectSessions().forProject(DEMO);
        Session second = stub.cloud.projectSessions().forProject(DEMO);

        assertThat(first.token()).isEqualTo(PROJECT_TOKEN);
        assertThat(first.project().id()).isEqualTo(DEMO);
        assertThat(second.token()).isEqualTo(PROJECT_TOKEN);
        List<LoggedRequest> logins = projectLogins();
        assertThat(logins).hasSize(1);
        var body = new ObjectMapper().readTree(logins.getFirst().getBodyAsString());
        assertThat(body.at("/auth/scope/project/id").asText()).isEqualTo(DEMO);
        assertThat(body.at("/auth/identity/password/user/name").asText()).isEqualTo("admin");

        // The fixture's token expires 2026-11-23T06:39:12Z; five minutes before that it is renewed.
        stub.clock.set(java.time.Instant.parse("2026-11-23T06:34:13Z"));
        stub.cloud.projectSessions().forProject(DEMO);
        assertThat(projectLogins()).hasSize(2);
    }

    @Test
    void a_token_scoped_to_another_project_than_asked_is_refused() {
        stub.stubServiceLogin(StubCloud.SERVICE_TOKEN);

        assertThatThrownBy(() -> stub.cloud.projectSessions().forProject("0123456789abcdef0123456789abcdef"))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("scoped to project " + DEMO);
    }

    @Test
    void a_project_where_the_service_account_has_no_role_is_forbidden() {
        stub.stub(post(urlPathEqualTo("/v3/auth/tokens")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.auth.scope.project.id", equalTo(DEMO)))
                .willReturn(stub.json(401, "keystone/error-unauthorized.json")));

        assertThatThrownBy(() -> stub.cloud.projectSessions().forProject(DEMO))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("needs a role");
    }

    @Test
    void boots_with_the_marker_in_nova_metadata_and_finds_the_vm_by_it_in_the_projects_list_only()
            throws Exception {
        stubProjectLogin();
        ManagedServer resource = ManagedServerRepositoryContract.declared(DEMO, "web", stub.clock.instant());
        String marker = "\"" + ManagedServer.MARKER_METADATA_KEY + "\": \"" + resource.marker() + "\"";
        stub.stub(post(urlPathEqualTo("/v2.1/servers")).willReturn(stub.json(202, "nova/servers-post.json")));
        stub.stub(get(urlPathEqualTo("/v2.1/servers/0ff19dfc-339a-4326-9a56-6ef3c4ad5e23"))
                .willReturn(stub.json(200, "nova/server-get.json")));
        // Both listed VMs carry the marker, but the second belongs to another project (an admin sees too much).
        String listed = stub.fixture("nova/servers-detail.json").replace("\"stackpilot:preemptible\": \"true\"", marker)
                .replaceFirst("\"tenant_id\": \"" + DEMO + "\"", "\"tenant_id\": \"someone-else\"");
        stub.stub(get(urlPathEqualTo("/v2.1/servers/detail")).willReturn(com.github.tomakehurst.wiremock.client
                .WireMock.okJson(listed)));
        Session session = stub.cloud.projectSessions().forProject(DEMO);

        stub.compute().boot(session, new BootRequest("web", "1", "img", List.of("net-a"), false, null, null,
                Map.of(ManagedServer.MARKER_METADATA_KEY, resource.marker())));
        List<io.stackpilot.core.compute.Server> found = OwnedServers.list(stub.compute(), session, DEMO)
                .of(resource);

        LoggedRequest boot = stub.only("POST", "/v2.1/servers");
        assertThat(boot.getHeader("X-Auth-Token")).isEqualTo(PROJECT_TOKEN);
        assertThat(new ObjectMapper().readTree(boot.getBodyAsString()).at("/server/metadata/"
                + ManagedServer.MARKER_METADATA_KEY.replace("~", "~0").replace("/", "~1")).asText())
                .isEqualTo(resource.marker());
        assertThat(stub.only("GET", "/v2.1/servers/detail").getHeader("X-Auth-Token")).isEqualTo(PROJECT_TOKEN);
        assertThat(found).singleElement().satisfies(server -> {
            assertThat(server.projectId()).isEqualTo(DEMO);
            assertThat(server.metadata()).containsEntry(ManagedServer.MARKER_METADATA_KEY, resource.marker());
        });
    }

    private void stubProjectLogin() {
        stub.stub(post(urlPathEqualTo("/v3/auth/tokens")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.auth.scope.project.id", equalTo(DEMO)))
                .willReturn(stub.json(201, "keystone/auth-tokens-password.json")
                        .withHeader("X-Subject-Token", PROJECT_TOKEN)));
    }

    private List<LoggedRequest> projectLogins() {
        return stub.requestsTo("POST", "/v3/auth/tokens").stream()
                .filter(request -> request.getBodyAsString().contains(DEMO)).toList();
    }
}
