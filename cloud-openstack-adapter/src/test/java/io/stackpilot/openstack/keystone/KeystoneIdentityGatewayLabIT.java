package io.stackpilot.openstack.keystone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.error.UnauthenticatedException;
import io.stackpilot.core.identity.ApplicationCredentials;
import io.stackpilot.core.identity.IssuedToken;
import io.stackpilot.core.identity.PasswordCredentials;
import io.stackpilot.core.identity.Principal;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.identity.Session;
import io.stackpilot.openstack.CloudSettings;
import io.stackpilot.openstack.Lab;
import io.stackpilot.openstack.OpenStackCloud;
import io.stackpilot.openstack.UpstreamObserver;
import io.stackpilot.openstack.http.OpenStackHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeystoneIdentityGatewayLabIT {
    private static final String KEYSTONE = "http://127.0.0.1:5000/v3";
    private static OpenStackCloud cloud;

    @BeforeAll
    static void connect() {
        cloud = Lab.connect("lab-admin", UpstreamObserver.NONE);
    }

    @AfterAll
    static void close() {
        cloud.close();
    }

    @Test
    void a_wrong_password_is_unauthenticated() {
        assertThatThrownBy(() -> cloud.identity().authenticate(new PasswordCredentials("demo", "wrong", "Default",
                "demo", "Default"))).isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void a_user_revokes_their_own_token_and_keystone_refuses_it_afterwards_and_a_second_revocation_is_no_error() {
        IssuedToken issued = cloud.identity().authenticate(new PasswordCredentials("demo", "demo", "Default", "demo",
                "Default"));
        Session session = new Session(issued.token(), issued.principal(), Location.DEFAULT);

        cloud.identity().revoke(session);

        assertThatThrownBy(() -> cloud.identity().validate(issued.token()))
                .isInstanceOf(UnauthenticatedException.class);
        cloud.identity().revoke(session);
    }

    @Test
    void validates_a_demo_token_into_a_principal_with_project_demo_and_role_member() {
        IssuedToken issued = cloud.identity().authenticate(new PasswordCredentials("demo", "demo", "Default", "demo",
                "Default"));

        Principal principal = cloud.identity().validate(issued.token());

        assertThat(principal.user().name()).isEqualTo("demo");
        assertThat(principal.user().domain().name()).isEqualTo("Default");
        assertThat(principal.project().name()).isEqualTo("demo");
        assertThat(principal.project().domain().id()).isEqualTo("default");
        assertThat(principal.hasRole("member")).isTrue();
        assertThat(principal.expiresAt()).isEqualTo(issued.principal().expiresAt());
    }

    @Test
    void a_made_up_token_is_unauthenticated() {
        assertThatThrownBy(() -> cloud.identity().validate("gAAAAABmadeup"))
                .isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void logs_in_a_user_of_another_domain_by_domain_name() {
        IssuedToken issued = cloud.identity().authenticate(new PasswordCredentials("partner-user", "demo", "partner",
                "partner-a", "partner"));

        assertThat(issued.principal().project().name()).isEqualTo("partner-a");
        assertThat(issued.principal().project().domain().name()).isEqualTo("partner");
    }

    @Test
    void lists_all_projects_as_admin() {
        List<ProjectRef> projects = cloud.identity().listProjects();

        assertThat(projects).extracting(ProjectRef::name).contains("admin", "demo", "alt-demo", "partner-a");
        assertThat(projects).filteredOn(project -> project.name().equals("partner-a")).singleElement()
                .satisfies(project -> assertThat(project.domain().name()).isEqualTo("partner"));
    }

    @Test
    void authenticates_with_an_application_credential_as_user_and_as_service_account() throws Exception {
        IssuedToken demo = cloud.identity().authenticate(new PasswordCredentials("demo", "demo", "Default", "demo",
                "Default"));
        String userId = demo.principal().user().id();
        JsonNode created = keystone("POST", "/users/" + userId + "/application_credentials", demo.token(),
                "{\"application_credential\": {\"name\": \"" + Lab.name("ac") + "\"}}").path("application_credential");
        String id = created.path("id").asText();
        try {
            IssuedToken issued = cloud.identity().authenticate(new ApplicationCredentials(id,
                    created.path("secret").asText()));
            assertThat(issued.principal().project().name()).isEqualTo("demo");
            assertThat(issued.principal().user().name()).isEqualTo("demo");

            List<String> problems = new ArrayList<>();
            CloudSettings settings = CloudSettings.fromEnvironment(Map.of("OS_AUTH_URL", KEYSTONE,
                    "OS_AUTH_TYPE", "v3applicationcredential", "OS_APPLICATION_CREDENTIAL_ID", id,
                    "OS_APPLICATION_CREDENTIAL_SECRET", created.path("secret").asText(),
                    "OS_REGION_NAME", "RegionOne"), problems);
            assertThat(problems).isEmpty();
            try (OpenStackCloud withCredential = OpenStackCloud.connect(settings, UpstreamObserver.NONE)) {
                assertThat(withCredential.serviceSession().project().name()).isEqualTo("demo");
                assertThat(withCredential.compute().listServers(withCredential.serviceSession(), ServerQuery.all())
                        .items()).allSatisfy(server -> assertThat(server.projectId())
                        .isEqualTo(demo.principal().project().id()));
            }
        } finally {
            keystone("DELETE", "/users/" + userId + "/application_credentials/" + id, demo.token(), null);
        }
    }

    private static JsonNode keystone(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(KEYSTONE + path))
                .header("X-Auth-Token", token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
            return response.body().isBlank() ? null : OpenStackHttp.JSON.readTree(response.body());
        }
    }
}
