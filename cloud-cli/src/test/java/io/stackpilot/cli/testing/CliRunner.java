package io.stackpilot.cli.testing;

import io.stackpilot.cli.CliEnvironment;
import io.stackpilot.cli.Main;
import io.stackpilot.cli.config.CliConfig;
import io.stackpilot.cli.config.ConfigStore;
import io.stackpilot.cli.config.ContextEntry;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code stackpilot} in-process the way a user would, with a private config file, controlled environment,
 * stdin and clock, and captures exit code, stdout and stderr.
 */
public final class CliRunner {
    public static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");

    private final Map<String, String> variables = new HashMap<>();
    private final Path configFile;
    private String stdin = "";
    private char[] typedPassword;

    /** What one run printed and returned. */
    public record Result(int exitCode, String out, String err) {
    }

    public CliRunner(Path directory) {
        this.configFile = directory.resolve("home/.config/stackpilot/config.json");
        variables.put("STACKPILOT_CONFIG", configFile.toString());
    }

    public Path configFile() {
        return configFile;
    }

    public ConfigStore store() {
        return new ConfigStore(configFile);
    }

    public CliRunner env(String name, String value) {
        variables.put(name, value);
        return this;
    }

    public CliRunner stdin(String text) {
        this.stdin = text;
        return this;
    }

    public CliRunner typedPassword(String password) {
        this.typedPassword = password == null ? null : password.toCharArray();
        return this;
    }

    /** Writes a logged-in context for the fake (as {@code login} would) and makes it current. */
    public CliRunner loggedInTo(FakeStackpilotApi api) {
        return loggedInTo("default", api.url());
    }

    /**
     * Logs in to a real in-process server as user demo of project demo through the CLI's own {@code login} (the
     * password on standard input), as a user would; a refused login fails the test with the CLI's message.
     */
    public CliRunner loggedInAsDemo(RealServer server) {
        Result login = stdin("demo\n").run("login", "--url", server.url() + "/api/v1/", "--username", "demo",
                "--project", "demo", "--password-stdin");
        if (login.exitCode() != 0) {
            throw new AssertionError("login as demo exited " + login.exitCode() + ": " + login.err());
        }
        return this;
    }

    public CliRunner loggedInTo(String contextName, String url) {
        ConfigStore store = store();
        store.save(store.load().withContext(contextName, new ContextEntry(url, FakeStackpilotApi.TOKEN,
                Instant.parse(FakeStackpilotApi.EXPIRES_AT), "demo", "u-123", "Default", "demo",
                FakeStackpilotApi.PROJECT_ID, "Default", List.of("member"))).withCurrent(contextName));
        return this;
    }

    public CliConfig config() {
        return store().load();
    }

    public Result run(String... args) {
        return run(false, args);
    }

    /** Like {@link #run}, but through the start-up path of {@code main}: only the named command's branch is built. */
    public Result runPruned(String... args) {
        return run(true, args);
    }

    private Result run(boolean pruned, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(variables,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), prompt -> typedPassword,
                Clock.fixed(NOW, ZoneOffset.UTC));
        int exitCode = (pruned ? Main.commandLine(environment, args) : Main.commandLine(environment))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
