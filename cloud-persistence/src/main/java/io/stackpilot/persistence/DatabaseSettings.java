package io.stackpilot.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the database is. With a {@code url} an external PostgreSQL is used; without one an embedded PostgreSQL
 * keeps its files in {@code dataDirectory}/postgres. The password is a secret: {@link #toString()} masks it.
 *
 * @param url           JDBC URL of an external PostgreSQL ({@code jdbc:postgresql://...}), or null for embedded
 * @param user          user for the external database, or null (the URL may carry it)
 * @param password      password for the external database, or null
 * @param dataDirectory absolute directory for the program's data; the embedded database lives in its
 *                      {@code postgres} subdirectory
 * @param poolSize      maximum connections in the pool (1..100)
 */
public record DatabaseSettings(String url, String user, String password, Path dataDirectory, int poolSize) {
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)[^&;]*");

    public static final int DEFAULT_POOL_SIZE = 10;
    public static final int MAX_POOL_SIZE = 100;

    public DatabaseSettings {
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("url must start with jdbc:postgresql:");
        }
        if (url == null && dataDirectory == null) {
            throw new IllegalArgumentException("an embedded database needs a data directory");
        }
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException("poolSize must be between 1 and " + MAX_POOL_SIZE);
        }
    }

    /** An embedded PostgreSQL with its files in {@code dataDirectory/postgres}. */
    public static DatabaseSettings embedded(Path dataDirectory) {
        return new DatabaseSettings(null, null, null, dataDirectory.toAbsolutePath(), DEFAULT_POOL_SIZE);
    }

    /** An external PostgreSQL. */
    public static DatabaseSettings external(String url, String user, String password, int poolSize) {
        return new DatabaseSettings(url, user, password, null, poolSize);
    }

    /**
     * Reads {@code STACKPILOT_DB_URL}, {@code STACKPILOT_DB_USER}, {@code STACKPILOT_DB_PASSWORD},
     * {@code STACKPILOT_DB_PASSWORD_FILE}, {@code STACKPILOT_DB_POOL_SIZE} and {@code STACKPILOT_DATA_DIR} (default
     * {@code $HOME/.local/share/stackpilot}). Blank values count as unset. Setting both a password and a password
     * file is a problem (which one was meant is unclear), as are user or password without a URL. Every problem is
     * added to {@code problems}; the result is null when there was any.
     */
    public static DatabaseSettings fromEnvironment(Map<String, String> env, List<String> problems) {
        int problemsBefore = problems.size();
        String url = value(env, "STACKPILOT_DB_URL");
        String user = value(env, "STACKPILOT_DB_USER");
        String password = value(env, "STACKPILOT_DB_PASSWORD");
        String passwordFile = value(env, "STACKPILOT_DB_PASSWORD_FILE");
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            problems.add("STACKPILOT_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        if (url == null && (user != null || password != null || passwordFile != null)) {
            problems.add("STACKPILOT_DB_USER/_PASSWORD/_PASSWORD_FILE are set but STACKPILOT_DB_URL is not"
                    + " (unset them to use the embedded database)");
        }
        if (password != null && passwordFile != null) {
            problems.add("set only one of STACKPILOT_DB_PASSWORD and STACKPILOT_DB_PASSWORD_FILE");
        } else if (passwordFile != null) {
            password = readPasswordFile(passwordFile, problems);
        }
        int poolSize = poolSize(value(env, "STACKPILOT_DB_POOL_SIZE"), problems);
        Path dataDirectory = dataDirectory(env, problems);
        if (problems.size() > problemsBefore) {
            return null;
        }
        return new DatabaseSettings(url, user, password, url == null ? dataDirectory : null, poolSize);
    }

    /** True when no URL is set and the program starts its own PostgreSQL. */
    public boolean isEmbedded() {
        return url == null;
    }

    /** Where the embedded PostgreSQL keeps its files. */
    public Path embeddedDataDirectory() {
        return dataDirectory.resolve("postgres");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + maskedUrl(url) + ", user=" + user + ", password=" + (password == null ? null : "***")
                + ", dataDirectory=" + dataDirectory + ", poolSize=" + poolSize + "]";
    }

    /**
     * The JDBC URL fit for a log line: the value of a {@code password} parameter (PostgreSQL's driver takes one in the
     * URL, and the test databases' URLs carry theirs there) replaced by {@code ***}; null for null.
     */
    public static String maskedUrl(String url) {
        return url == null ? null : PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String readPasswordFile(String file, List<String> problems) {
        try {
            String content = Files.readString(Path.of(file));
            // Files written by editors and secret mounts often end with a newline that is not part of the password.
            return content.replaceFirst("\\R+\\z", "");
        } catch (IOException | InvalidPathException e) {
            problems.add("STACKPILOT_DB_PASSWORD_FILE " + file + " cannot be read: " + e.getClass().getSimpleName());
            return null;
        }
    }

    private static int poolSize(String value, List<String> problems) {
        if (value == null) {
            return DEFAULT_POOL_SIZE;
        }
        try {
            int size = Integer.parseInt(value);
            if (size >= 1 && size <= MAX_POOL_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("STACKPILOT_DB_POOL_SIZE must be a whole number from 1 to " + MAX_POOL_SIZE + ", was " + value);
        return DEFAULT_POOL_SIZE;
    }

    private static Path dataDirectory(Map<String, String> env, List<String> problems) {
        String configured = value(env, "STACKPILOT_DATA_DIR");
        try {
            if (configured != null) {
                return Path.of(configured).toAbsolutePath();
            }
            String home = value(env, "HOME");
            return Path.of(home != null ? home : System.getProperty("user.home"), ".local", "share", "stackpilot");
        } catch (InvalidPathException e) {
            problems.add("STACKPILOT_DATA_DIR is not a valid path: " + configured);
            return null;
        }
    }
}
