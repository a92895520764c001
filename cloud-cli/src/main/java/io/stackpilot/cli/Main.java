package io.stackpilot.cli;

import io.stackpilot.cli.command.AuditCommand;
import io.stackpilot.cli.command.LimitsCommand;
import io.stackpilot.cli.command.PreemptionCommand;
import io.stackpilot.cli.command.CompletionCommand;
import io.stackpilot.cli.command.ContextCommand;
import io.stackpilot.cli.command.FlavorCommand;
import io.stackpilot.cli.command.HelpCommand;
import io.stackpilot.cli.command.ImageCommand;
import io.stackpilot.cli.command.ManagedServerCommand;
import io.stackpilot.cli.command.OperationCommand;
import io.stackpilot.cli.command.LoginCommand;
import io.stackpilot.cli.command.LogoutCommand;
import io.stackpilot.cli.command.FloatingIpCommand;
import io.stackpilot.cli.command.KeyPairCommand;
import io.stackpilot.cli.command.NetworkCommand;
import io.stackpilot.cli.command.SecurityGroupCommand;
import io.stackpilot.cli.command.ServerCommand;
import io.stackpilot.cli.command.StatsCommand;
import io.stackpilot.cli.command.WhoamiCommand;
import io.stackpilot.cli.config.ConfigStore;
import io.stackpilot.cli.http.ApiClient;
import io.stackpilot.cli.output.Terminal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stackpilot}, the command-line client of the Stackpilot HTTP API: the root command, its global options and
 * the services (environment, config file) that the subcommands reach through {@code spec.root()}.
 */
@Command(name = "stackpilot", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Command-line client of the Stackpilot cloud API.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:internal error", "2:usage error", "3:not found", "4:conflict or invalid request",
                "5:authentication or permission", "6:server or cloud unavailable"})
public final class Main implements Runnable, Terminal {
    /** The top-level commands in help order; added programmatically so that a run can build only its own branch. */
    private static final Map<String, Class<?>> COMMANDS = commands();

    @Option(names = "--context", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Use this saved context instead of the current one.")
    String contextName;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print each HTTP request and response (secrets masked) and stack traces of errors on stderr.")
    boolean debug;

    @Spec
    CommandSpec spec;

    private final CliEnvironment environment;
    private final List<ApiClient> clients = new ArrayList<>();

    public Main() {
        this(CliEnvironment.system());
    }

    public Main(CliEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        int status = commandLine(CliEnvironment.system(), args).execute(args);
        if (Boolean.getBoolean(Training.PROPERTY)) {
            Training.exercise(CliEnvironment.system());
        }
        System.exit(status);
    }

    /** The configured command line with every command (error handling included). */
    public static CommandLine commandLine(CliEnvironment environment) {
        return commandLine(environment, new String[0]);
    }

    /**
     * The configured command line for these arguments: when they name a top-level command, only that branch of the
     * tree is built (picocli reflects over every command class it is given, a good part of the start-up time);
     * otherwise (help, completion, a typo) the whole tree. Tests set its writers and call execute.
     */
    public static CommandLine commandLine(CliEnvironment environment, String[] args) {
        Main main = new Main(environment);
        CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
        CommandLine commandLine = new CommandLine(main);
        String only = topLevelCommand(args);
        COMMANDS.forEach((name, type) -> {
            if (only == null || only.equals(name)) {
                commandLine.addSubcommand(name, type);
            }
        });
        addHelpOptions(commandLine);
        return commandLine
                .setExecutionStrategy(parseResult -> {
                    try {
                        return runLast.execute(parseResult);
                    } finally {
                        main.closeClients();
                    }
                })
                .setExecutionExceptionHandler(new ErrorHandler())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    /**
     * {@code -h/--help} on every command below the root, as {@code openstack} and {@code kubectl} have it (picocli
     * gives the standard help options only to the command that asks; {@code --version} stays on the root).
     */
    private static void addHelpOptions(CommandLine parent) {
        for (CommandLine child : parent.getSubcommands().values()) {
            CommandSpec spec = child.getCommandSpec();
            if (spec.findOption("--help") == null) {
                spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build());
            }
            addHelpOptions(child);
        }
    }

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("login", LoginCommand.class);
        commands.put("logout", LogoutCommand.class);
        commands.put("whoami", WhoamiCommand.class);
        commands.put("context", ContextCommand.class);
        commands.put("flavor", FlavorCommand.class);
        commands.put("image", ImageCommand.class);
        commands.put("network", NetworkCommand.class);
        commands.put("server", ServerCommand.class);
        commands.put("floating-ip", FloatingIpCommand.class);
        commands.put("security-group", SecurityGroupCommand.class);
        commands.put("keypair", KeyPairCommand.class);
        commands.put("managed-server", ManagedServerCommand.class);
        commands.put("operation", OperationCommand.class);
        commands.put("schedule", io.stackpilot.cli.command.ScheduleCommand.class);
        commands.put("stats", StatsCommand.class);
        commands.put("audit", AuditCommand.class);
        commands.put("limits", LimitsCommand.class);
        commands.put("location", io.stackpilot.cli.command.LocationCommand.class);
        commands.put("preemption", PreemptionCommand.class);
        commands.put("completion", CompletionCommand.class);
        commands.put("help", HelpCommand.class);
        return Collections.unmodifiableMap(commands);
    }

    /** The top-level command the arguments name, or null when the whole tree is needed. */
    static String topLevelCommand(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--context")) {
                i++;
            } else if (!arg.startsWith("-")) {
                return COMMANDS.containsKey(arg) && !arg.equals("help") && !arg.equals("completion") ? arg : null;
            }
        }
        return null;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** An API client that is closed when the command ends. */
    public ApiClient client(String url, String token) {
        ApiClient client = new ApiClient(url, token, userAgent(), debug ? spec.commandLine().getErr() : null);
        clients.add(client);
        return client;
    }

    private void closeClients() {
        clients.forEach(ApiClient::close);
        clients.clear();
    }

    public CliEnvironment environment() {
        return environment;
    }

    public ConfigStore configStore() {
        return ConfigStore.forEnvironment(environment);
    }

    /** The {@code --context} given on the command line, or null. */
    public String contextName() {
        return contextName;
    }

    public boolean debug() {
        return debug;
    }

    /** The terminal's width from {@code COLUMNS} (the launcher exports it when the shell did not); 0 if unknown. */
    @Override
    public int columns() {
        String columns = environment.variable("COLUMNS");
        try {
            return columns == null ? 0 : Math.max(0, Integer.parseInt(columns.strip()));
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    public static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    public static String userAgent() {
        return "stackpilot-cli/" + version();
    }

    /** {@code --version}: the jar's Implementation-Version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"stackpilot " + version()};
        }
    }
}
