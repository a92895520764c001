package io.stackpilot.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * What the CLI takes from the process it runs in: environment variables, standard input, a no-echo password prompt
 * and a clock. Tests build their own; {@link #system()} is the real one.
 */
public record CliEnvironment(Map<String, String> variables, InputStream stdin, PasswordPrompt passwordPrompt,
                             Clock clock) {

    /** Reads a password without echo; returns null when there is no terminal to ask on. */
    @FunctionalInterface
    public interface PasswordPrompt {
        char[] read(String prompt);
    }

    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), System.in, prompt -> {
            Console console = System.console();
            return console == null ? null : console.readPassword("%s", prompt);
        }, Clock.systemUTC());
    }

    /** The variable's value, or null when it is unset or blank. */
    public String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** The first line of standard input without its line break, or null at end of input. */
    public String readStdinLine() throws IOException {
        return new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
    }
}
