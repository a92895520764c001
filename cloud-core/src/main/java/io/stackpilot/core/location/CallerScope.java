package io.stackpilot.core.location;

import io.stackpilot.core.identity.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Whose call it is, as far as its answer may differ: the project and user the token is scoped to and the token
 * itself (its SHA-256, the token is a secret). Two calls share an answer only within one scope, so nothing is ever
 * handed to another project, another user, or another token of the same user (whose roles may differ).
 */
record CallerScope(String projectId, String userId, String tokenSha256) {
    static CallerScope of(Session caller) {
        return new CallerScope(caller.project().id(), caller.principal().user().id(), sha256(caller.token()));
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
        }
    }

    @Override
    public String toString() {
        return "CallerScope[project=" + projectId + ", user=" + userId + ", token=***]";
    }
}
