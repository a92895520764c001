package io.stackpilot.cli.journey;

import io.stackpilot.cli.testing.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

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
        server = ServerProcess.startInFrontOfLab(serverDirectory);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static String env(String name, String fallback) {
        return ServerProcess.labEnv(name, fallback);
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
