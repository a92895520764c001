package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackpilot.cli.CliException;
import io.stackpilot.cli.ExitCodes;
import io.stackpilot.cli.config.CliConfig;
import io.stackpilot.cli.config.ConfigStore;
import io.stackpilot.cli.config.ContextEntry;
import io.stackpilot.cli.http.ApiException;
import io.stackpilot.cli.http.JsonTrees;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code stackpilot login}: gets a token from the server with Keystone credentials and saves it in a context.
 * JsonFields not given are taken from the context being refreshed, so a second {@code login} needs only the password.
 */
@Command(name = "login", description = "Log in and save the token in a context (--context NAME, else the current"
        + " one, else 'default').")
public final class LoginCommand extends BaseCommand {
    private static final String DEFAULT_CONTEXT = "default";
    private static final String DEFAULT_DOMAIN = "Default";

    @Option(names = "--url", paramLabel = "URL", description = "Stackpilot API URL (default: $STACKPILOT_URL).")
    String url;

    @Option(names = "--username", paramLabel = "NAME", description = "Keystone user name.")
    String username;

    @Option(names = "--project", paramLabel = "NAME", description = "Keystone project name.")
    String project;

    @Option(names = "--user-domain", paramLabel = "DOMAIN", description = "The user's domain (default: Default).")
    String userDomain;

    @Option(names = "--project-domain", paramLabel = "DOMAIN",
            description = "The project's domain (default: Default).")
    String projectDomain;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Override
    public Integer call() {
        ConfigStore store = root().configStore();
        CliConfig config = store.load();
        String name = contextName(config) != null ? contextName(config) : DEFAULT_CONTEXT;
        ContextEntry previous = config.context(name).orElse(null);

        String apiUrl = baseUrl(first(url, root().environment().variable("STACKPILOT_URL"),
                previous == null ? null : previous.url()));
        String user = first(username, previous == null ? null : previous.userName());
        String projectName = first(project, previous == null ? null : previous.projectName());
        List<String> missing = new ArrayList<>();
        if (apiUrl == null) {
            missing.add("--url (or STACKPILOT_URL)");
        }
        if (user == null) {
            missing.add("--username");
        }
        if (projectName == null) {
            missing.add("--project");
        }
        if (!missing.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing " + String.join(", ", missing));
        }
        String userDomainName = first(userDomain, previous == null ? null : previous.userDomain(), DEFAULT_DOMAIN);
        String projectDomainName = first(projectDomain, previous == null ? null : previous.projectDomain(),
                DEFAULT_DOMAIN);

        ObjectNode body = JsonTrees.object();
        body.put("username", user);
        body.put("password", password(user));
        body.put("user_domain", userDomainName);
        body.put("project", projectName);
        body.put("project_domain", projectDomainName);
        JsonNode answer;
        try {
            answer = root().client(apiUrl, null).post("/api/v1/auth/tokens", body, Map.of()).body();
        } catch (ApiException e) {
            if (e.status() == 401) {
                throw new CliException(ExitCodes.AUTHENTICATION, "login failed: " + e.problemLine(), e);
            }
            throw e;
        }

        String expires = JsonTrees.text(answer, "expires_at");
        List<String> roles = new ArrayList<>();
        answer.path("roles").forEach(role -> roles.add(role.isTextual() ? role.asText() : JsonTrees.text(role, "name")));
        ContextEntry entry = new ContextEntry(apiUrl, JsonTrees.text(answer, "token"),
                expires == null ? null : Instant.parse(expires),
                first(JsonTrees.text(answer.path("user"), "name"), user), JsonTrees.text(answer.path("user"), "id"),
                first(JsonTrees.text(answer.path("user").path("domain"), "name"), userDomainName),
                first(JsonTrees.text(answer.path("project"), "name"), projectName),
                JsonTrees.text(answer.path("project"), "id"),
                first(JsonTrees.text(answer.path("project").path("domain"), "name"), projectDomainName), roles);
        store.save(config.withContext(name, entry).withCurrent(name));
        out().println("Logged in to " + apiUrl + " as " + entry.userName() + " in project " + entry.projectName()
                + " (context " + name + (expires == null ? "" : ", token expires " + expires) + ").");
        return 0;
    }

    private String password(String user) {
        if (passwordStdin) {
            try {
                String line = root().environment().readStdinLine();
                if (line == null || line.isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "--password-stdin given but standard input is empty");
                }
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the password from standard input", e);
            }
        }
        String fromEnvironment = root().environment().variable("OS_PASSWORD");
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        char[] typed = root().environment().passwordPrompt().read("Password for " + user + ": ");
        if (typed == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "No terminal to ask for the password: use --password-stdin or set OS_PASSWORD");
        }
        return new String(typed);
    }

    /** The server's base URL: a pasted {@code .../api/v1} or trailing slash is dropped. */
    static String baseUrl(String url) {
        return url == null ? null : url.replaceFirst("/+$", "").replaceFirst("/api/v1$", "");
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }
}
