package io.stackpilot.cli.journey;

import io.stackpilot.cli.testing.FakeStackpilotApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The CLI journey against the in-test fake of the HTTP contract. */
class FakeApiCliJourneyTest extends CliJourneyContract {
    private FakeStackpilotApi api;

    @BeforeEach
    void startApi() {
        api = FakeStackpilotApi.start();
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Override
    protected String url() {
        return api.url();
    }

    @Override
    protected String username() {
        return "demo";
    }

    @Override
    protected String password() {
        return FakeStackpilotApi.PASSWORD;
    }

    @Override
    protected String project() {
        return "demo";
    }
}
