package io.stackpilot.cli.config;

import java.time.Instant;
import java.util.List;

/**
 * One named login: the API URL, the user and project it was made for and, while logged in, the token and its expiry.
 * {@code token} and {@code expiresAt} are null after logout. {@code toString()} never shows the token.
 */
public record ContextEntry(String url, String token, Instant expiresAt, String userName, String userId,
                           String userDomain, String projectName, String projectId, String projectDomain,
                           List<String> roles) {

    public ContextEntry {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a context needs a URL");
        }
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public boolean isLoggedIn(Instant now) {
        return token != null && (expiresAt == null || expiresAt.isAfter(now));
    }

    public ContextEntry withoutToken() {
        return new ContextEntry(url, null, null, userName, userId, userDomain, projectName, projectId, projectDomain,
                roles);
    }

    @Override
    public String toString() {
        return "ContextEntry[url=" + url + ", token=" + (token == null ? "null" : "***") + ", expiresAt=" + expiresAt
                + ", user=" + userDomain + "/" + userName + ", project=" + projectDomain + "/" + projectName + "]";
    }
}
