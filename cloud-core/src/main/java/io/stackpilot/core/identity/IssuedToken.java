package io.stackpilot.core.identity;

import io.stackpilot.core.common.Require;

/** A token Keystone issued for a login, with whom it identifies. The token is masked in {@link #toString()}. */
public record IssuedToken(String token, Principal principal) {
    public IssuedToken {
        Require.notBlank(token, "token");
        Require.notNull(principal, "principal");
    }

    @Override
    public String toString() {
        return "IssuedToken[token=***, principal=" + principal + "]";
    }
}
