package io.stackpilot.core.identity;

import io.stackpilot.core.common.Require;

/** A Keystone domain, by id and name. */
public record DomainRef(String id, String name) {
    public DomainRef {
        Require.notBlank(id, "domain id");
        Require.notBlank(name, "domain name");
    }
}
