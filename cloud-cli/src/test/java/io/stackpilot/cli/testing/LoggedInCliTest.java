package io.stackpilot.cli.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up of a CLI command test: a {@link FakeStackpilotApi} per test and a {@link CliRunner} logged in to it,
 * with its configuration in a fresh temporary directory.
 */
public abstract class LoggedInCliTest {
    @TempDir
    protected Path directory;
    protected FakeStackpilotApi api;
    protected CliRunner cli;

    @BeforeEach
    void startFakeApi() {
        api = FakeStackpilotApi.start();
        cli = new CliRunner(directory).loggedInTo(api);
    }

    @AfterEach
    void stopFakeApi() {
        api.close();
    }
}
