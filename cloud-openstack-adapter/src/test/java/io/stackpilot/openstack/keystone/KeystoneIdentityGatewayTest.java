package io.stackpilot.openstack.keystone;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stackpilot.core.error.UnauthenticatedException;
import io.stackpilot.core.identity.ApplicationCredentials;
import io.stackpilot.core.identity.DomainRef;
import io.stackpilot.core.identity.IssuedToken;
import io.stackpilot.core.identity.PasswordCredentials;
import io.stackpilot.core.identity.Principal;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.testing.TestData;
import io.stackpilot.openstack.StubCloud;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeystoneIdentityGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StubCloud stub = new StubCloud();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void logs_in_with_a_password_scoped_to_a_project_by_name_and_takes_the_token_from_the_header() throws Exception {
        IssuedToken issued = stub.cloud.identity().authenticate(new PasswordCredentials("demo", "pw", "Default",
                "demo", "Default"));

        assertThat(issued.token()).isEqualTo(StubCloud.SERVICE_TOKEN);
        Principal principal = issued.principal();
        assertThat(principal.user().name()).isEqualTo("demo");
        assertThat(principal.project().name()).isEqualTo("demo");
        assertThat(principal.project().domain()).isEqualTo(new DomainRef("default", "Default"));
        assertThat(principal.roles()).containsExactlyInAnyOrder("member", "reader");
        assertThat(principal.expiresAt()).isEqualTo(Instant.parse("2026-11-23T06:39:12Z"));
        LoggedRequest login = stub.only("POST", "/v3/auth/tokens");
        assertThat(login.getHeader("X-Auth-Token")).isNull();
        assertThat(JSON.readTree(login.getBodyAsString())).isEqualTo(JSON.readTree("""
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "demo",
                 "domain": {"name": "Default"}, "password": "pw"}}},
                 "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}}}}
                """));
    }

    @Test
    void logs_in_with_a_project_and_domain_by_id() throws Exception {
        stub.cloud.identity().authenticate(new PasswordCredentials("demo", "pw", "default",
                "4661643948c848969bbdb5760dd254ac", "default"));

        assertThat(JSON.readTree(stub.only("POST", "/v3/auth/tokens").getBodyAsString()).path("auth")).isEqualTo(
                JSON.readTree("""
                        {"identity": {"methods": ["password"], "password": {"user": {"name": "demo",
                         "domain": {"id": "default"}, "password": "pw"}}},
                         "scope": {"project": {"id": "4661643948c848969bbdb5760dd254ac"}}}
                        """));
    }

    @Test
    void logs_in_with_an_application_credential() throws Exception {
        stub.cloud.identity().authenticate(new ApplicationCredentials("ac-id", "ac-secret"));

        assertThat(JSON.readTree(stub.only("POST", "/v3/auth/tokens").getBodyAsString())).isEqualTo(JSON.readTree("""
                {"auth": {"identity": {"methods": ["application_credential"],
                 "application_credential": {"id": "ac-id", "secret": "ac-secret"}}}}
                """));
    }

    @Test
    void a_wrong_password_is_unauthenticated() {
        stub.stub(post(urlPathEqualTo("/v3/auth/tokens")).willReturn(stub.json(401,
                "keystone/error-unauthorized.json")));

        assertThatThrownBy(() -> stub.cloud.identity().authenticate(new PasswordCredentials("demo", "wrong",
                "Default", "demo", "Default")))
                .isInstanceOf(UnauthenticatedException.class)
                .hasMessage("Keystone rejected the credentials");
    }

    @Test
    void validates_a_token_with_the_service_token_into_a_principal() {
        stub.stub(get(urlPathEqualTo("/v3/auth/tokens")).willReturn(stub.json(200, "keystone/validate-token.json")));

        Principal principal = stub.cloud.identity().validate("users-token");

        assertThat(principal.project().name()).isEqualTo("demo");
        assertThat(principal.hasRole("member")).isTrue();
        LoggedRequest validation = stub.only("GET", "/v3/auth/tokens");
        assertThat(validation.getUrl()).isEqualTo("/v3/auth/tokens?nocatalog");
        assertThat(validation.getHeader("X-Auth-Token")).isEqualTo(StubCloud.SERVICE_TOKEN);
        assertThat(validation.getHeader("X-Subject-Token")).isEqualTo("users-token");
    }

    @Test
    void a_domain_scoped_token_gives_a_principal_without_a_project() {
        stub.stub(get(urlPathEqualTo("/v3/auth/tokens")).willReturn(aResponse().withStatus(200).withBody("""
                {"token": {"methods": ["password"], "user": {"id": "u1", "name": "dom-admin",
                 "domain": {"id": "default", "name": "Default"}}, "domain": {"id": "default", "name": "Default"},
                 "roles": [{"id": "r", "name": "admin"}], "expires_at": "2026-11-23T06:39:12.000000Z"}}
                """)));

        Principal principal = stub.cloud.identity().validate("domain-token");

        assertThat(principal.scopedProject()).isEmpty();
        assertThat(principal.scopedDomain()).contains(new DomainRef("default", "Default"));
    }

    @Test
    void an_unknown_token_is_unauthenticated() {
        stub.stub(get(urlPathEqualTo("/v3/auth/tokens")).willReturn(stub.json(404,
                "keystone/error-token-not-found.json")));

        assertThatThrownBy(() -> stub.cloud.identity().validate("bogus"))
                .isInstanceOf(UnauthenticatedException.class)
                .hasMessage("the token is invalid, revoked or expired");
    }

    @Test
    void revokes_the_callers_own_token_with_it_as_both_auth_and_subject_token() {
        stub.stub(delete(urlPathEqualTo("/v3/auth/tokens")).willReturn(aResponse().withStatus(204)));

        stub.cloud.identity().revoke(new Session(StubCloud.USER_TOKEN, TestData.demo(), TestData.LOCATION));

        LoggedRequest revocation = stub.only("DELETE", "/v3/auth/tokens");
        assertThat(revocation.getHeader("X-Auth-Token")).isEqualTo(StubCloud.USER_TOKEN);
        assertThat(revocation.getHeader("X-Subject-Token")).isEqualTo(StubCloud.USER_TOKEN);
    }

    @Test
    void revoking_a_token_keystone_no_longer_knows_is_not_an_error() {
        stub.stub(delete(urlPathEqualTo("/v3/auth/tokens")).willReturn(stub.json(404,
                "keystone/error-token-not-found.json")));

        stub.cloud.identity().revoke(new Session(StubCloud.USER_TOKEN, TestData.demo(), TestData.LOCATION));

        assertThat(stub.only("DELETE", "/v3/auth/tokens")).isNotNull();
    }

    @Test
    void reuses_the_service_token_until_shortly_before_it_expires() {
        stub.stub(get(urlPathEqualTo("/v3/auth/tokens")).willReturn(stub.json(200, "keystone/validate-token.json")));
        stub.cloud.identity().validate("a");
        stub.cloud.identity().validate("b");
        assertThat(stub.requestsTo("POST", "/v3/auth/tokens")).hasSize(1);

        stub.clock.set(Instant.parse("2026-11-23T06:39:12Z").minus(Duration.ofMinutes(4)));
        stub.cloud.identity().validate("c");

        assertThat(stub.requestsTo("POST", "/v3/auth/tokens")).hasSize(2);
    }

    @Test
    void refreshes_the_service_token_once_when_the_cloud_rejects_it() {
        stub.stub(get(urlPathEqualTo("/v3/auth/tokens")).withHeader("X-Auth-Token", equalTo(StubCloud.SERVICE_TOKEN))
                .willReturn(stub.json(401, "keystone/error-unauthorized.json")));
        stub.stub(get(urlPathEqualTo("/v3/auth/tokens")).withHeader("X-Auth-Token", equalTo("service-token-2"))
                .willReturn(stub.json(200, "keystone/validate-token.json")));
        stub.cloud.serviceSession();
        stub.stubServiceLogin("service-token-2");

        Principal principal = stub.cloud.identity().validate("users-token");

        assertThat(principal.user().name()).isEqualTo("demo");
        assertThat(stub.requestsTo("POST", "/v3/auth/tokens")).hasSize(2);
        assertThat(stub.requestsTo("GET", "/v3/auth/tokens")).extracting(request -> request.getHeader("X-Auth-Token"))
                .containsExactly(StubCloud.SERVICE_TOKEN, "service-token-2");
    }

    @Test
    void lists_all_projects_with_their_domain_names_for_an_admin() {
        stub.stub(get(urlPathEqualTo("/v3/projects")).willReturn(stub.json(200, "keystone/projects.json")));
        stub.stub(get(urlPathEqualTo("/v3/domains")).willReturn(stub.json(200, "keystone/domains.json")));

        java.util.List<ProjectRef> projects = stub.cloud.identity().listProjects();

        assertThat(projects).extracting(ProjectRef::name).contains("admin", "demo", "alt-demo", "partner-a", "service");
        assertThat(projects).filteredOn(project -> project.name().equals("partner-a"))
                .singleElement().satisfies(project -> assertThat(project.domain().name()).isEqualTo("partner"));
        assertThat(stub.only("GET", "/v3/projects").getHeader("X-Auth-Token")).isEqualTo(StubCloud.SERVICE_TOKEN);
        assertThat(stub.only("GET", "/v3/domains").getHeader("X-Auth-Token")).isEqualTo(StubCloud.SERVICE_TOKEN);
    }

    @Test
    void lists_its_own_projects_when_it_may_not_list_all() {
        stub.stub(get(urlPathEqualTo("/v3/projects")).willReturn(stub.json(403, "keystone/error-forbidden.json")));
        stub.stub(get(urlPathEqualTo("/v3/auth/projects")).willReturn(stub.json(200, "keystone/projects.json")));
        stub.stub(get(urlPathEqualTo("/v3/domains")).willReturn(stub.json(403, "keystone/error-forbidden.json")));
        stub.stub(get(urlPathEqualTo("/v3/auth/domains")).willReturn(stub.json(200, "keystone/domains.json")));

        assertThat(stub.cloud.identity().listProjects()).isNotEmpty();
        assertThat(stub.requestsTo("GET", "/v3/auth/projects")).hasSize(1);
    }
}
