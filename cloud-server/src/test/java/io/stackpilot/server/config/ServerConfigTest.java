package io.stackpilot.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.testing.TestData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void uses_the_documented_defaults() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("STACKPILOT_ALLOWED_PROJECTS", "demo",
                "HOME", "/home/sp"));
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(config.dataDir()).isEqualTo(Path.of("/home/sp/.local/share/stackpilot"));
        assertThat(config.allowAllProjects()).isFalse();
        assertThat(config.tokenCacheTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.statsInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(config.statsRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.replicaId()).endsWith("-" + ProcessHandle.current().pid());
        assertThat(config.auditQueueCapacity()).isEqualTo(100_000);
        assertThat(config.openstackConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.openstackReadTimeout()).isEqualTo(Duration.ofSeconds(30));
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
        ServerConfig config = ServerConfig.fromEnvironment(env);
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/stackpilot"));
        assertThat(config.allowedProjects()).containsExactly("demo", "Default/alt-demo");
        assertThat(config.allowedDomains()).containsExactly("partner");
        assertThat(config.tokenCacheTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.statsInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.statsRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.replicaId()).isEqualTo("replica-a");
        assertThat(config.auditQueueCapacity()).isEqualTo(50);
        assertThat(config.openstackConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.openstackReadTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.auditRetention()).isEqualTo(Duration.ofDays(800));
        assertThat(config.accessPolicy().allows(TestData.PARTNER_A)).isTrue();
        assertThat(env.keySet()).allMatch(ServerConfig.KNOWN_VARIABLES::contains);
    }

    @Test
    void reports_every_problem_at_once_without_echoing_values() {
        Map<String, String> env = Map.of("STACKPILOT_PORT", "eighty", "STACKPILOT_TOKEN_CACHE_TTL", "60s",
                "STACKPILOT_ALLOW_ALL_PROJECTS", "maybe", "STACKPILOT_LOG_FORMAT", "xml",
                "STACKPILOT_AUDIT_QUEUE_CAPACITY", "0", "STACKPILOT_STATS_RETENTION", "P1M");
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(env))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                    assertThat(e.problems()).hasSize(7);
                    assertThat(e.getMessage()).contains("STACKPILOT_PORT", "STACKPILOT_TOKEN_CACHE_TTL",
                            "STACKPILOT_ALLOW_ALL_PROJECTS", "STACKPILOT_LOG_FORMAT",
                            "STACKPILOT_AUDIT_QUEUE_CAPACITY", "STACKPILOT_STATS_RETENTION",
                            "STACKPILOT_ALLOWED_PROJECTS and STACKPILOT_ALLOWED_DOMAINS are both empty")
                            .doesNotContain("eighty").doesNotContain("maybe");
                });
    }

    @Test
    void fails_closed_without_an_allowlist_unless_all_projects_are_allowed() {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of()))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("both empty");
        ServerConfig open = ServerConfig.fromEnvironment(Map.of("STACKPILOT_ALLOW_ALL_PROJECTS", "true"));
        assertThat(open.accessPolicy().allows(TestData.PARTNER_A)).isTrue();
    }

    @Test
    void names_unknown_stackpilot_variables() {
        assertThat(ServerConfig.unknownVariables(Map.of("STACKPILOT_ALLOWED_PROJECT", "demo", "STACKPILOT_PORT", "1",
                "PATH", "/bin"))).containsExactly("STACKPILOT_ALLOWED_PROJECT");
    }

    @Test
    void knows_every_pinned_variable() {
        assertThat(ServerConfig.KNOWN_VARIABLES).hasSize(23).doesNotHaveDuplicates()
                .allMatch(name -> name.startsWith("STACKPILOT_"))
                .contains("STACKPILOT_DB_URL", "STACKPILOT_DB_PASSWORD_FILE", "STACKPILOT_DB_POOL_SIZE",
                        "STACKPILOT_LOG_LEVEL", "STACKPILOT_LOG_LEVELS", "STACKPILOT_AUDIT_RETENTION");
        assertThat(List.copyOf(ServerConfig.KNOWN_VARIABLES)).isNotEmpty();
    }
}
