package io.stackpilot.core.identity;

import io.stackpilot.core.common.Require;

/**
 * A user's password login, scoped to a project. Domains and the project are given by name or id, as Keystone
 * accepts either. The password is masked in {@link #toString()}.
 */
public record PasswordCredentials(String username, String password, String userDomain, String project,
                                  String projectDomain) implements Credentials {
    public PasswordCredentials {
        Require.notBlank(username, "username");
        Require.notNull(password, "password");
        Require.notBlank(userDomain, "userDomain");
        Require.notBlank(project, "project");
        Require.notBlank(projectDomain, "projectDomain");
    }

    @Override
    public String toString() {
        return "PasswordCredentials[username=" + username + ", password=***, userDomain=" + userDomain
                + ", project=" + project + ", projectDomain=" + projectDomain + "]";
    }
}
