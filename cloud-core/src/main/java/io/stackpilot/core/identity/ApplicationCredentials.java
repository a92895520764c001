package io.stackpilot.core.identity;

import io.stackpilot.core.common.Require;

/** A Keystone application credential (id and secret); its scope is fixed when it is created. Secret masked. */
public record ApplicationCredentials(String id, String secret) implements Credentials {
    public ApplicationCredentials {
        Require.notBlank(id, "application credential id");
        Require.notBlank(secret, "application credential secret");
    }

    @Override
    public String toString() {
        return "ApplicationCredentials[id=" + id + ", secret=***]";
    }
}
