package io.stackpilot.core.identity;

import io.stackpilot.core.common.Require;

/** A Keystone project, by id and name, with the domain it belongs to. */
public record ProjectRef(String id, String name, DomainRef domain) {
    public ProjectRef {
        Require.notBlank(id, "project id");
        Require.notBlank(name, "project name");
        Require.notNull(domain, "project domain");
    }
}
