package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.server.config.InvalidConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void refuses_to_start_with_an_invalid_configuration_listing_the_problems() {
        assertThatThrownBy(() -> Main.start(Map.of("STACKPILOT_PORT", "-1")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("STACKPILOT_PORT").hasMessageContaining("both empty");
    }

    @Test
    void refuses_to_start_until_the_adapter_and_database_are_wired() {
        assertThatThrownBy(() -> Main.start(Map.of("STACKPILOT_ALLOWED_PROJECTS", "demo")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("wiring")
                .hasMessageContaining("pending");
    }
}
