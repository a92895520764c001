package io.stackpilot.openstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.stackpilot.core.error.StackpilotException;
import io.stackpilot.openstack.http.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Keystone behind a private CA (HTTPS with a certificate the JDK does not trust): the service account logs in when
 * OS_CACERT or clouds.yaml's cacert names the CA, or with verify: false; not with the JDK's trust store alone, nor
 * with another CA's bundle (issue 22 item 5).
 */
class PrivateCaTlsTest {
    private static final String PASSWORD = "stackpilot-test";
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T07:00:00Z"), ZoneOffset.UTC);
    private WireMockServer keystone;

    @TempDir
    Path directory;

    @BeforeEach
    void start() throws Exception {
        keystone = new WireMockServer(options().httpDisabled(true).httpsPort(0).bindAddress("127.0.0.1")
                .keystorePath(resource("tls/keystone-localhost.p12").toString()).keystoreType("PKCS12")
                .keystorePassword(PASSWORD).keyManagerPassword(PASSWORD));
        keystone.start();
        keystone.stubFor(post(urlPathEqualTo("/v3/auth/tokens")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withHeader("X-Subject-Token", "tls-token")
                .withBody(fixture("keystone/auth-tokens-password.json"))));
    }

    @AfterEach
    void stop() {
        keystone.stop();
    }

    private Map<String, String> env(String... more) {
        Map<String, String> env = new HashMap<>(Map.of("OS_AUTH_URL", "https://localhost:" + keystone.httpsPort()
                + "/v3", "OS_USERNAME", "admin", "OS_PASSWORD", "admin-secret", "OS_PROJECT_NAME", "admin",
                "HOME", directory.toString()));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private String login(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        CloudSettings settings = CloudSettings.fromEnvironment(env, problems);
        assertThat(problems).isEmpty();
        try (OpenStackCloud cloud = OpenStackCloud.connect(settings, UpstreamObserver.NONE,
                new RetryPolicy(1, Duration.ofMillis(1)), clock)) {
            return cloud.serviceSession().token();
        }
    }

    @Test
    void os_cacert_naming_the_private_ca_lets_the_service_account_log_in_over_https() throws Exception {
        assertThat(login(env("OS_CACERT", resource("tls/private-ca.pem").toString()))).isEqualTo("tls-token");
        assertThat(keystone.getAllServeEvents()).hasSize(1);
    }

    @Test
    void without_the_ca_the_jdks_trust_store_refuses_the_certificate_and_nothing_is_sent() {
        assertThatThrownBy(() -> login(env())).isInstanceOf(StackpilotException.class);
        assertThat(keystone.getAllServeEvents()).isEmpty();
    }

    @Test
    void another_cas_bundle_does_not_make_the_certificate_trusted() throws Exception {
        assertThatThrownBy(() -> login(env("OS_CACERT", resource("tls/other-ca.pem").toString())))
                .isInstanceOf(StackpilotException.class);
        assertThat(keystone.getAllServeEvents()).isEmpty();
    }

    @Test
    void clouds_yaml_cacert_is_honoured() throws Exception {
        Path clouds = cloudsYaml("    cacert: " + resource("tls/private-ca.pem") + "\n");
        assertThat(login(Map.of("OS_CLOUD", "private", "OS_CLIENT_CONFIG_FILE", clouds.toString(),
                "HOME", directory.toString()))).isEqualTo("tls-token");
    }

    @Test
    void clouds_yaml_verify_false_accepts_any_certificate() throws Exception {
        Path clouds = cloudsYaml("    verify: false\n");
        assertThat(login(Map.of("OS_CLOUD", "private", "OS_CLIENT_CONFIG_FILE", clouds.toString(),
                "HOME", directory.toString()))).isEqualTo("tls-token");
    }

    @Test
    void an_unreadable_or_empty_ca_bundle_or_a_bad_flag_is_a_configuration_problem() throws Exception {
        Path empty = Files.writeString(directory.resolve("empty.pem"), "not a certificate\n");
        List<String> problems = new ArrayList<>();
        assertThat(CloudSettings.fromEnvironment(env("OS_CACERT", directory.resolve("missing.pem").toString(),
                "OS_INSECURE", "maybe"), problems)).isNull();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("OS_CACERT").contains("missing.pem"))
                .anySatisfy(p -> assertThat(p).contains("OS_INSECURE must be true or false"));
        problems.clear();
        assertThat(CloudSettings.fromEnvironment(env("OS_CACERT", empty.toString()), problems)).isNull();
        assertThat(problems).singleElement().satisfies(p -> assertThat(p).startsWith("OS_CACERT"));
    }

    private Path cloudsYaml(String tlsLines) throws IOException {
        return Files.writeString(directory.resolve("clouds.yaml"), "clouds:\n  private:\n"
                + "    auth:\n      auth_url: https://localhost:" + keystone.httpsPort() + "/v3\n"
                + "      username: admin\n      password: admin-secret\n      project_name: admin\n" + tlsLines);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(PrivateCaTlsTest.class.getResource("/" + name).toURI());
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = PrivateCaTlsTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
