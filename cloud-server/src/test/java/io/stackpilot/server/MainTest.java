package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.server.config.InvalidConfigurationException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void refuses_to_start_with_an_invalid_configuration_listing_every_module_s_problems() {
        assertThatThrownBy(() -> Main.Daemon.start(Map.of("STACKPILOT_PORT", "-1",
                "STACKPILOT_DB_USER", "someone", "STACKPILOT_STATS_INTERVAL", "PT7M"), Clock.systemUTC()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("STACKPILOT_PORT")
                .hasMessageContaining("both empty")
                .hasMessageContaining("OS_")
                .hasMessageContaining("STACKPILOT_DB_URL")
                .hasMessageContaining("STACKPILOT_STATS_INTERVAL");
    }

    @Test
    void reports_each_invalid_variable_once_by_its_one_parser_without_echoing_it() {
        assertThatThrownBy(() -> Main.Daemon.start(Map.of("STACKPILOT_ALLOW_ALL_PROJECTS", "true",
                "STACKPILOT_OPENSTACK_CONNECT_TIMEOUT", "5s", "STACKPILOT_LOG_FORMAT", "xml"), Clock.systemUTC()))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> {
                    assertThat(e.problems()).filteredOn(p -> p.contains("STACKPILOT_OPENSTACK_CONNECT_TIMEOUT"))
                            .hasSize(1);
                    assertThat(e.problems()).filteredOn(p -> p.contains("STACKPILOT_LOG_FORMAT")).hasSize(1)
                            .allMatch(p -> !p.contains("xml"));
                });
    }

    @Test
    void never_echoes_a_secret_in_the_configuration_problems() {
        assertThatThrownBy(() -> Main.Daemon.start(Map.of("OS_PASSWORD", "s3cret-pw",
                "STACKPILOT_DB_PASSWORD", "db-s3cret"), Clock.systemUTC()))
                .isInstanceOf(InvalidConfigurationException.class)
                .message().doesNotContain("s3cret-pw").doesNotContain("db-s3cret");
    }
}
