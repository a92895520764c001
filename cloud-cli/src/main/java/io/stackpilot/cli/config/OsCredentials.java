package io.stackpilot.cli.config;

import io.stackpilot.cli.CliEnvironment;

/**
 * Keystone credentials as one source gives them (the {@code OS_*} variables, or one {@code clouds.yaml} entry),
 * named after that source for messages. Any field may be null. {@code toString} masks the password.
 */
public record OsCredentials(String source, String username, String password, String projectName,
                            String userDomain, String projectDomain) {
    private static final String DEFAULT_DOMAIN = "Default";

    public static final OsCredentials NONE = new OsCredentials("nothing", null, null, null, null, null);

    /** The variables python-openstackclient reads: OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME and the domains. */
    public static OsCredentials fromEnvironment(CliEnvironment environment) {
        String domain = environment.variable("OS_DEFAULT_DOMAIN");
        return new OsCredentials("the OS_* environment variables", environment.variable("OS_USERNAME"),
                environment.variable("OS_PASSWORD"), environment.variable("OS_PROJECT_NAME"),
                first(environment.variable("OS_USER_DOMAIN_NAME"), domain),
                first(environment.variable("OS_PROJECT_DOMAIN_NAME"), domain));
    }

    /**
     * This source's password, but only for the user this source names (same name, same domain): a password is
     * never sent with another user's name, whatever else the user set on the command line.
     */
    public String passwordFor(String user, String domain) {
        boolean sameUser = username != null && username.equals(user)
                && first(userDomain, DEFAULT_DOMAIN).equalsIgnoreCase(first(domain, DEFAULT_DOMAIN));
        return sameUser ? password : null;
    }

    @Override
    public String toString() {
        return "OsCredentials[source=" + source + ", username=" + username + ", password="
                + (password == null ? null : "***") + ", projectName=" + projectName + ", userDomain=" + userDomain
                + ", projectDomain=" + projectDomain + "]";
    }

    static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }
}
