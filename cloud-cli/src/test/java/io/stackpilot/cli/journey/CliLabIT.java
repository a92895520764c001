package io.stackpilot.cli.journey;

import io.stackpilot.cli.testing.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The CLI journey end to end (-Plab): the real server jar as a process in front of the OpenStack lab (service account
 * admin, projects of domain Default, embedded PostgreSQL in a temporary directory), the real CLI through
 * {@code execute()}, as lab user demo. Servers are named {@code cli-lab-*}, one at a time, and deleted.
 * Passwords: LAB_ADMIN_PASSWORD / LAB_USER_PASSWORD, else the lab's defaults (deploy/openstack-lab/README.md).
 */
class CliLabIT extends CliJourneyContract {
    @TempDir
    static Path serverDirectory;
    private static ServerProcess server;

    @BeforeAll
    static void startServer() {
        server = ServerProcess.start(Map.of("OS_AUTH_URL", env("OS_AUTH_URL", "http://127.0.0.1:5000/v3"),
                "OS_USERNAME", "admin", "OS_PASSWORD", env("LAB_ADMIN_PASSWORD", "admin"), "OS_PROJECT_NAME", "admin",
                "OS_USER_DOMAIN_NAME", "Default", "OS_PROJECT_DOMAIN_NAME", "Default", "OS_REGION_NAME", "RegionOne",
                "OS_INTERFACE", "public", "STACKPILOT_ALLOWED_DOMAINS", "Default",
                "STACKPILOT_LOGIN_RATE_LIMIT", "off"),
                serverDirectory, Duration.ofMinutes(3));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    protected String url() {
        return server.url();
    }

    @Override
    protected String username() {
        return "demo";
    }

    @Override
    protected String password() {
        return env("LAB_USER_PASSWORD", "demo");
    }

    @Override
    protected String project() {
        return "demo";
    }

    @Override
    protected String serverPrefix() {
        return "cli-lab";
    }

    @Override
    protected String pollInterval() {
        return "2s";
    }

    @Override
    protected boolean activeServersHaveAddresses() {
        return true;
    }
}
