package io.stackpilot.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.testing.TestData;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonConfigTest {

    @Test
    void uses_the_documented_defaults() {
        DaemonConfig config = DaemonConfig.fromEnvironment(Map.of("STACKPILOT_ALLOWED_PROJECTS", "demo",
                "HOME", "/home/sp"));
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(config.allowAllProjects()).isFalse();
        assertThat(config.tokenCacheTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.statsInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(config.statsRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.replicaId()).endsWith("-" + ProcessHandle.current().pid());
        assertThat(config.auditQueueCapacity()).isEqualTo(100_000);
        assertThat(config.auditRetention()).isEqualTo(Duration.ofDays(400));
    }

    @Test
    void reads_every_variable() {
        Map<String, String> env = new HashMap<>();
        env.put("STACKPILOT_PORT", "9090");
        env.put("STACKPILOT_BIND_ADDRESS", "127.0.0.1");
        env.put("STACKPILOT_DATA_DIR", "/var/lib/stackpilot");
        env.put("STACKPILOT_ALLOWED_PROJECTS", " demo , Default/alt-demo,");
        env.put("STACKPILOT_ALLOWED_DOMAINS", "partner");
        env.put("STACKPILOT_TOKEN_CACHE_TTL", "PT30S");
        env.put("STACKPILOT_STATS_INTERVAL", "PT15M");
        env.put("STACKPILOT_STATS_RETENTION", "P30D");
        env.put("STACKPILOT_LOG_FORMAT", "json");
        env.put("STACKPILOT_SHUTDOWN_TIMEOUT", "PT5S");
        env.put("STACKPILOT_REPLICA_ID", "replica-a");
        env.put("STACKPILOT_AUDIT_QUEUE_CAPACITY", "50");
        env.put("STACKPILOT_OPENSTACK_CONNECT_TIMEOUT", "PT2S");
        env.put("STACKPILOT_OPENSTACK_READ_TIMEOUT", "PT1M");
        env.put("STACKPILOT_AUDIT_RETENTION", "P800D");
        DaemonConfig config = DaemonConfig.fromEnvironment(env);
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.allowedProjects()).containsExactly("demo", "Default/alt-demo");
        assertThat(config.allowedDomains()).containsExactly("partner");
        assertThat(config.tokenCacheTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.statsInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.statsRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.replicaId()).isEqualTo("replica-a");
        assertThat(config.auditQueueCapacity()).isEqualTo(50);
        assertThat(config.auditRetention()).isEqualTo(Duration.ofDays(800));
        assertThat(config.accessPolicy().allows(TestData.PARTNER_A)).isTrue();
        assertThat(env.keySet()).allMatch(DaemonConfig.KNOWN_VARIABLES::contains);
    }

    @Test
    void reports_every_problem_at_once_without_echoing_values() {
        Map<String, String> env = Map.of("STACKPILOT_PORT", "eighty", "STACKPILOT_TOKEN_CACHE_TTL", "60s",
                "STACKPILOT_ALLOW_ALL_PROJECTS", "maybe", "STACKPILOT_AUDIT_QUEUE_CAPACITY", "0",
                "STACKPILOT_STATS_RETENTION", "P1M");
        assertThatThrownBy(() -> DaemonConfig.fromEnvironment(env))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                    assertThat(e.problems()).hasSize(6);
                    assertThat(e.getMessage()).contains("STACKPILOT_PORT", "STACKPILOT_TOKEN_CACHE_TTL",
                            "STACKPILOT_ALLOW_ALL_PROJECTS",
                            "STACKPILOT_AUDIT_QUEUE_CAPACITY", "STACKPILOT_STATS_RETENTION",
                            "STACKPILOT_ALLOWED_PROJECTS and STACKPILOT_ALLOWED_DOMAINS are both empty")
                            .doesNotContain("eighty").doesNotContain("maybe");
                });
    }

    @Test
    void fails_closed_without_an_allowlist_unless_all_projects_are_allowed() {
        assertThatThrownBy(() -> DaemonConfig.fromEnvironment(Map.of()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("both empty");
        DaemonConfig open = DaemonConfig.fromEnvironment(Map.of("STACKPILOT_ALLOW_ALL_PROJECTS", "true"));
        assertThat(open.accessPolicy().allows(TestData.PARTNER_A)).isTrue();
    }

    @Test
    void refuses_a_change_me_placeholder_left_from_the_deploy_template_at_start() {
        for (Map<String, String> env : List.of(Map.of("STACKPILOT_ALLOWED_PROJECTS", "CHANGE-ME"),
                Map.of("STACKPILOT_ALLOWED_PROJECTS", "demo", "STACKPILOT_ALLOWED_DOMAINS", "change-me"),
                Map.of("STACKPILOT_ALLOWED_DOMAINS", "CHANGE-ME", "STACKPILOT_ALLOW_ALL_PROJECTS", "true"))) {
            assertThatThrownBy(() -> DaemonConfig.fromEnvironment(env))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("STACKPILOT_ALLOWED_PROJECTS/STACKPILOT_ALLOWED_DOMAINS")
                    .hasMessageContaining("placeholder");
        }
    }

    @Test
    void names_unknown_stackpilot_variables() {
        assertThat(DaemonConfig.unknownVariables(Map.of("STACKPILOT_ALLOWED_PROJECT", "demo", "STACKPILOT_PORT", "1",
                "PATH", "/bin"))).containsExactly("STACKPILOT_ALLOWED_PROJECT");
    }

    @Test
    void reads_the_login_rate_limit_and_names_a_wrong_one_without_its_value() {
        Map<String, String> base = Map.of("STACKPILOT_ALLOWED_PROJECTS", "demo");
        assertThat(DaemonConfig.fromEnvironment(base).loginRateLimit()).isEqualTo(LoginRateLimit.DEFAULT);
        Map<String, String> off = new HashMap<>(base);
        off.put("STACKPILOT_LOGIN_RATE_LIMIT", "off");
        assertThat(DaemonConfig.fromEnvironment(off).loginRateLimit().enabled()).isFalse();
        Map<String, String> wrong = new HashMap<>(base);
        wrong.put("STACKPILOT_LOGIN_RATE_LIMIT", "lots-s3cret");
        assertThatThrownBy(() -> DaemonConfig.fromEnvironment(wrong))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("STACKPILOT_LOGIN_RATE_LIMIT").hasMessageNotContaining("s3cret");
    }

    @Test
    void location_concurrency_defaults_to_4_and_must_be_a_positive_integer() {
        assertThat(DaemonConfig.fromEnvironment(Map.of("STACKPILOT_ALLOW_ALL_PROJECTS", "true"))
                .locationConcurrency()).isEqualTo(4);
        assertThat(DaemonConfig.fromEnvironment(Map.of("STACKPILOT_ALLOW_ALL_PROJECTS", "true",
                "STACKPILOT_LOCATION_CONCURRENCY", "16")).locationConcurrency()).isEqualTo(16);
        for (String wrong : List.of("0", "-1", "four", "1001")) {
            assertThatThrownBy(() -> DaemonConfig.fromEnvironment(Map.of("STACKPILOT_ALLOW_ALL_PROJECTS", "true",
                    "STACKPILOT_LOCATION_CONCURRENCY", wrong)))
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("STACKPILOT_LOCATION_CONCURRENCY");
        }
    }

    @Test
    void knows_every_pinned_variable() {
        assertThat(DaemonConfig.KNOWN_VARIABLES).hasSize(33).doesNotHaveDuplicates()
                .allMatch(name -> name.startsWith("STACKPILOT_"))
                .contains("STACKPILOT_DB_URL", "STACKPILOT_DB_PASSWORD_FILE", "STACKPILOT_DB_POOL_SIZE",
                        "STACKPILOT_LOG_LEVEL", "STACKPILOT_LOG_LEVELS", "STACKPILOT_LOGIN_RATE_LIMIT",
                        "STACKPILOT_AUDIT_RETENTION");
        assertThat(List.copyOf(DaemonConfig.KNOWN_VARIABLES)).isNotEmpty();
    }
}
