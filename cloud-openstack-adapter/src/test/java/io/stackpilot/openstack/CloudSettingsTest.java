package io.stackpilot.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.common.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudSettingsTest {
    @TempDir
    Path dir;

    private final List<String> problems = new ArrayList<>();

    private static Map<String, String> passwordEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("OS_AUTH_URL", "http://127.0.0.1:5000/v3");
        env.put("OS_USERNAME", "admin");
        env.put("OS_PASSWORD", "s3cret");
        env.put("OS_PROJECT_NAME", "admin");
        env.put("OS_USER_DOMAIN_NAME", "Default");
        env.put("OS_PROJECT_DOMAIN_NAME", "Default");
        env.put("OS_REGION_NAME", "RegionOne");
        env.put("OS_INTERFACE", "internal");
        env.put("HOME", "/nonexistent");
        return env;
    }

    @Test
    void reads_the_os_variables_for_password_authentication() {
        CloudSettings settings = CloudSettings.fromEnvironment(passwordEnv(), problems);

        assertThat(problems).isEmpty();
        assertThat(settings.cloud()).isEqualTo("default");
        assertThat(settings.authType()).isEqualTo(CloudSettings.AuthType.PASSWORD);
        assertThat(settings.username()).isEqualTo("admin");
        assertThat(settings.userDomainName()).isEqualTo("Default");
        assertThat(settings.projectName()).isEqualTo("admin");
        assertThat(settings.endpointInterface()).isEqualTo("internal");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.location()).isEqualTo(new Location("default", "RegionOne"));
    }

    @Test
    void defaults_the_domains_to_the_default_domain_and_reads_timeouts() {
        Map<String, String> env = passwordEnv();
        env.remove("OS_USER_DOMAIN_NAME");
        env.remove("OS_PROJECT_DOMAIN_NAME");
        env.remove("OS_INTERFACE");
        env.put("OS_PROJECT_ID", "p-id");
        env.put("STACKPILOT_OPENSTACK_CONNECT_TIMEOUT", "PT2S");
        env.put("STACKPILOT_OPENSTACK_READ_TIMEOUT", "PT1M");

        CloudSettings settings = CloudSettings.fromEnvironment(env, problems);

        assertThat(settings.userDomainId()).isEqualTo("default");
        assertThat(settings.projectDomainId()).isEqualTo("default");
        assertThat(settings.projectId()).isEqualTo("p-id");
        assertThat(settings.endpointInterface()).isEqualTo("public");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void reads_an_application_credential() {
        Map<String, String> env = Map.of("OS_AUTH_URL", "https://keystone.example:5000/v3",
                "OS_AUTH_TYPE", "v3applicationcredential", "OS_APPLICATION_CREDENTIAL_ID", "ac-id",
                "OS_APPLICATION_CREDENTIAL_SECRET", "ac-secret", "HOME", "/nonexistent");

        CloudSettings settings = CloudSettings.fromEnvironment(env, problems);

        assertThat(problems).isEmpty();
        assertThat(settings.authType()).isEqualTo(CloudSettings.AuthType.APPLICATION_CREDENTIAL);
        assertThat(settings.applicationCredentialId()).isEqualTo("ac-id");
        assertThat(settings.location()).isEqualTo(new Location("default", "RegionOne"));
        assertThat(settings.toString()).contains("ac-id").doesNotContain("ac-secret");
    }

    @Test
    void reads_a_cloud_from_clouds_yaml_merged_with_secure_yaml_and_overridden_by_os_variables() throws IOException {
        Path clouds = Files.writeString(dir.resolve("clouds.yaml"), """
                clouds:
                  lab-demo:
                    auth:
                      auth_url: http://127.0.0.1:5000/v3
                      username: demo
                      project_name: demo
                      user_domain_name: Default
                      project_domain_id: default
                    region_name: RegionTwo
                    interface: admin
                """);
        Path secure = Files.writeString(dir.resolve("secure.yaml"), """
                clouds:
                  lab-demo:
                    auth:
                      password: from-secure
                """);
        Map<String, String> env = Map.of("OS_CLOUD", "lab-demo", "OS_CLIENT_CONFIG_FILE", clouds.toString(),
                "OS_CLIENT_SECURE_FILE", secure.toString(), "OS_USERNAME", "demo-override", "HOME", "/nonexistent");

        CloudSettings settings = CloudSettings.fromEnvironment(env, problems);

        assertThat(problems).isEmpty();
        assertThat(settings.cloud()).isEqualTo("lab-demo");
        assertThat(settings.username()).isEqualTo("demo-override");
        assertThat(settings.password()).isEqualTo("from-secure");
        assertThat(settings.projectDomainId()).isEqualTo("default");
        assertThat(settings.endpointInterface()).isEqualTo("admin");
        assertThat(settings.location()).isEqualTo(new Location("lab-demo", "RegionTwo"));
    }

    @Test
    void finds_clouds_yaml_in_the_users_config_directory() throws IOException {
        Path config = Files.createDirectories(dir.resolve(".config/openstack"));
        Files.writeString(config.resolve("clouds.yaml"), """
                clouds:
                  mine:
                    auth_type: v3applicationcredential
                    auth:
                      auth_url: http://keystone:5000
                      application_credential_id: id1
                      application_credential_secret: secret1
                """);

        CloudSettings settings = CloudSettings.fromEnvironment(Map.of("OS_CLOUD", "mine", "HOME", dir.toString()),
                problems);

        assertThat(problems).isEmpty();
        assertThat(settings.applicationCredentialSecret()).isEqualTo("secret1");
    }

    @Test
    void reads_a_compute_endpoint_override_and_refuses_one_that_is_not_an_http_url() throws IOException {
        Path clouds = Files.writeString(dir.resolve("clouds.yaml"), """
                clouds:
                  proxied:
                    auth: {auth_url: 'http://127.0.0.1:5000/v3', username: demo, password: pw, project_name: demo}
                    compute_endpoint_override: http://127.0.0.1:18774/v2.1
                  broken:
                    auth: {auth_url: 'http://127.0.0.1:5000/v3', username: demo, password: pw, project_name: demo}
                    compute_endpoint_override: nova.example
                """);
        Map<String, String> env = Map.of("OS_CLIENT_CONFIG_FILE", clouds.toString(), "HOME", "/nonexistent");

        assertThat(CloudSettings.fromCloudsYaml("proxied", env, problems).computeEndpointOverride())
                .isEqualTo("http://127.0.0.1:18774/v2.1");
        assertThat(problems).isEmpty();
        assertThat(CloudSettings.fromCloudsYaml("broken", env, problems)).isNull();
        assertThat(problems).singleElement().asString()
                .contains("broken", "compute_endpoint_override", "nova.example");
    }

    @Test
    void masks_secrets_in_to_string() {
        CloudSettings settings = CloudSettings.fromEnvironment(passwordEnv(), problems);

        assertThat(settings.toString()).contains("username=admin", "password=***").doesNotContain("s3cret");
    }

    @Test
    void reports_every_problem_of_the_os_variables_at_once() {
        Map<String, String> env = Map.of("OS_AUTH_URL", "keystone:5000", "OS_INTERFACE", "private",
                "STACKPILOT_OPENSTACK_CONNECT_TIMEOUT", "5s", "STACKPILOT_OPENSTACK_READ_TIMEOUT", "PT0S",
                "HOME", "/nonexistent");

        assertThat(CloudSettings.fromEnvironment(env, problems)).isNull();

        assertThat(problems).containsExactlyInAnyOrder(
                "STACKPILOT_OPENSTACK_CONNECT_TIMEOUT must be an ISO-8601 duration such as PT5S, was '5s'",
                "STACKPILOT_OPENSTACK_READ_TIMEOUT must be a positive duration, was 'PT0S'",
                "OS_AUTH_URL must be an http(s) URL, was 'keystone:5000'",
                "OS_USERNAME (or auth.username) is required for password authentication; set"
                        + " OS_AUTH_TYPE=v3applicationcredential to use an application credential",
                "OS_PASSWORD (or auth.password) is required for password authentication",
                "OS_PROJECT_NAME or OS_PROJECT_ID is required: the service account needs a project-scoped token",
                "OS_INTERFACE must be public, internal or admin, was 'private'");
    }

    @Test
    void reports_a_missing_auth_url_an_unknown_auth_type_and_missing_application_credential_parts() {
        assertThat(CloudSettings.fromEnvironment(Map.of("OS_AUTH_TYPE", "token", "HOME", "/nonexistent"), problems))
                .isNull();
        assertThat(CloudSettings.fromEnvironment(Map.of("OS_AUTH_TYPE", "v3applicationcredential",
                "OS_AUTH_URL", "http://k:5000/v3", "HOME", "/nonexistent"), problems)).isNull();

        assertThat(problems).containsExactly(
                "OS_AUTH_URL (or auth.auth_url in clouds.yaml) is required",
                "OS_AUTH_TYPE must be password or v3applicationcredential, was 'token'",
                "OS_APPLICATION_CREDENTIAL_ID is required with OS_AUTH_TYPE=v3applicationcredential",
                "OS_APPLICATION_CREDENTIAL_SECRET is required with OS_AUTH_TYPE=v3applicationcredential");
    }

    @Test
    void reports_a_missing_clouds_yaml_an_unknown_cloud_and_an_unreadable_file() throws IOException {
        assertThat(CloudSettings.fromEnvironment(Map.of("OS_CLOUD", "lab", "OS_CLIENT_CONFIG_FILE",
                dir.resolve("none.yaml").toString(), "HOME", dir.toString()), problems)).isNull();
        assertThat(problems).singleElement().asString().startsWith("OS_CLOUD is 'lab' but no clouds.yaml was found"
                + " (looked at [" + dir.resolve("none.yaml"));

        problems.clear();
        Path clouds = Files.writeString(dir.resolve("clouds.yaml"), "clouds:\n  other: {}\n");
        assertThat(CloudSettings.fromEnvironment(Map.of("OS_CLOUD", "lab", "OS_CLIENT_CONFIG_FILE", clouds.toString(),
                "HOME", dir.toString()), problems)).isNull();
        assertThat(problems).containsExactly("cloud 'lab' (OS_CLOUD) is not defined in " + clouds);

        problems.clear();
        Files.writeString(clouds, "clouds: [unclosed\n");
        assertThat(CloudSettings.fromEnvironment(Map.of("OS_CLOUD", "lab", "OS_CLIENT_CONFIG_FILE", clouds.toString(),
                "HOME", dir.toString()), problems)).isNull();
        assertThat(problems).singleElement().asString().startsWith("cannot read " + clouds + ": ");

        problems.clear();
        Files.writeString(clouds, "just text\n");
        assertThat(CloudSettings.fromEnvironment(Map.of("OS_CLOUD", "lab", "OS_CLIENT_CONFIG_FILE", clouds.toString(),
                "HOME", dir.toString()), problems)).isNull();
        assertThat(problems).containsExactly(clouds + " is not a YAML mapping");
    }
}
