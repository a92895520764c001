package io.stackpilot.core.identity;

import io.stackpilot.core.common.Require;

/** A Keystone user, by id and name, with the domain the user belongs to. */
public record UserRef(String id, String name, DomainRef domain) {
    public UserRef {
        Require.notBlank(id, "user id");
        Require.notBlank(name, "user name");
        Require.notNull(domain, "user domain");
    }
}
