package io.stackpilot.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.stackpilot.core.identity.ApplicationCredentials;
import io.stackpilot.core.identity.Credentials;
import io.stackpilot.core.identity.PasswordCredentials;
import java.io.IOException;

/**
 * One entry of a clouds.yaml (as OpenStack's clients read it) from a Server's cloudRef Secret: its auth URL, region
 * and credentials (password or application credential). Problems are {@link CloudRefException}s whose messages
 * never quote a secret value.
 */
public record CloudEntry(String authUrl, String region, Credentials credentials) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Reads entry {@code cloud} of the clouds.yaml text. */
    public static CloudEntry parse(String cloudsYaml, String cloud) {
        JsonNode root;
        try {
            root = YAML.readTree(cloudsYaml);
        } catch (IOException bad) {
            throw new CloudRefException("InvalidCloudsYaml", "the Secret's clouds.yaml is not valid YAML");
        }
        JsonNode entry = root == null ? null : root.path("clouds").get(cloud);
        if (entry == null || !entry.isObject()) {
            throw new CloudRefException("CloudNotFound", "the Secret's clouds.yaml has no cloud '" + cloud + "'");
        }
        JsonNode auth = entry.path("auth");
        String region = text(entry, "region_name");
        String authUrl = text(auth, "auth_url");
        String appId = text(auth, "application_credential_id");
        if (appId != null) {
            String secret = text(auth, "application_credential_secret");
            if (secret == null) {
                throw new CloudRefException("InvalidCloudsYaml", "cloud '" + cloud
                        + "': application_credential_id without application_credential_secret");
            }
            return new CloudEntry(authUrl, region, new ApplicationCredentials(appId, secret));
        }
        String username = text(auth, "username");
        String password = text(auth, "password");
        String project = firstOf(text(auth, "project_id"), text(auth, "project_name"));
        if (username == null || password == null || project == null) {
            throw new CloudRefException("InvalidCloudsYaml", "cloud '" + cloud
                    + "': auth needs username, password and project_name (or an application credential)");
        }
        String userDomain = firstOf(text(auth, "user_domain_id"), text(auth, "user_domain_name"), "Default");
        String projectDomain = firstOf(text(auth, "project_domain_id"), text(auth, "project_domain_name"),
                "Default");
        return new CloudEntry(authUrl, region, new PasswordCredentials(username, password, userDomain, project,
                projectDomain));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText().trim();
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "CloudEntry[authUrl=" + authUrl + ", region=" + region + ", credentials=" + credentials + "]";
    }
}
