package io.stackpilot.cli.server;

import io.stackpilot.cli.journey.CliJourneyContract;
import io.stackpilot.cli.testing.RealServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The CLI journey against the real server, in-process over the core's fake cloud. */
class ServerCliJourneyIT extends CliJourneyContract {
    private RealServer server;

    @BeforeEach
    void startServer() {
        server = RealServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
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
        return "demo";
    }

    @Override
    protected String project() {
        return "demo";
    }

    @Override
    protected boolean activeServersHaveAddresses() {
        return true;
    }
}
