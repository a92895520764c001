package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackpilot.cli.CliException;
import io.stackpilot.cli.ExitCodes;
import io.stackpilot.cli.config.CliConfig;
import io.stackpilot.cli.config.CloudsYaml;
import io.stackpilot.cli.config.OsCredentials;
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
 * Each of user, project and domains comes from the first of: its option, the {@code --os-cloud} entry, the context
 * being refreshed (so a second {@code login} needs only the password), then {@code $OS_CLOUD}'s entry or else the
 * {@code OS_*} variables, as python-openstackclient reads them. A password from {@code OS_PASSWORD} or a
 * {@code clouds.yaml} entry is sent only for the user that same source names; otherwise it is asked for.
 */
@Command(name = "login", description = "Log in and save the token in a context (--context NAME, else the current"
        + " one, else 'default').",
        footerHeading = "%nDefaults:%n",
        footer = {"Each of user, project and domains comes from its option, else the --os-cloud entry of clouds.yaml,"
                + " else the context being logged in again, else $OS_CLOUD's entry or OS_USERNAME, OS_PROJECT_NAME,"
                + " OS_USER_DOMAIN_NAME, OS_PROJECT_DOMAIN_NAME.",
                "The password: --password-stdin, else OS_PASSWORD or the cloud entry's password - only when that same"
                + " source named the user -, else a prompt on the terminal."})
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

    @Option(names = "--os-cloud", paramLabel = "NAME",
            description = "Take the credentials from this clouds.yaml entry (default: $OS_CLOUD, after the context).")
    String osCloud;

    @Override
    public Integer call() {
        ConfigStore store = root().configStore();
        CliConfig config = store.load();
        String name = contextName(config) != null ? contextName(config) : DEFAULT_CONTEXT;
        ContextEntry previous = config.context(name).orElse(null);

        String apiUrl = baseUrl(first(url, root().environment().variable("STACKPILOT_URL"),
                previous == null ? null : previous.url()));
        OsCredentials cloud = osCloud == null ? null : cloud(osCloud);
        OsCredentials ambient = ambient();
        OsCredentials base = baseCredentials(cloud, previous, ambient);
        String user = first(username, base.username());
        String projectName = first(project, base.projectName());
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
        String userDomainName = first(userDomain, base.userDomain(), DEFAULT_DOMAIN);
        String projectDomainName = first(projectDomain, base.projectDomain(), DEFAULT_DOMAIN);

        ObjectNode body = JsonTrees.object();
        body.put("username", user);
        body.put("password", password(user, userDomainName, cloud, ambient));
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

    /** The first source that names a user: the --os-cloud entry, the context being refreshed, the ambient one. */
    private static OsCredentials baseCredentials(OsCredentials cloud, ContextEntry previous, OsCredentials ambient) {
        if (cloud != null && cloud.username() != null) {
            return cloud;
        }
        if (previous != null && previous.userName() != null) {
            return new OsCredentials("the context", previous.userName(), null, previous.projectName(),
                    previous.userDomain(), previous.projectDomain());
        }
        return ambient;
    }

    /** {@code $OS_CLOUD}'s clouds.yaml entry when it is set, else the OS_* variables. */
    private OsCredentials ambient() {
        String cloudName = root().environment().variable("OS_CLOUD");
        return cloudName != null ? cloud(cloudName) : OsCredentials.fromEnvironment(root().environment());
    }

    private OsCredentials cloud(String name) {
        try {
            return CloudsYaml.credentials(root().environment(), name);
        } catch (CloudsYaml.NotFound e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private String password(String user, String domain, OsCredentials cloud, OsCredentials ambient) {
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
        for (OsCredentials source : new OsCredentials[]{cloud, ambient}) {
            String password = source == null ? null : source.passwordFor(user, domain);
            if (password != null) {
                return password;
            }
        }
        char[] typed = root().environment().passwordPrompt().read("Password for " + user + ": ");
        if (typed == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No terminal to ask for the password of "
                    + user + ": use --password-stdin or set OS_PASSWORD with OS_USERNAME=" + user
                    + " (a password from the environment or clouds.yaml is sent only for the user named there)");
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
