package io.stackpilot.openstack;

import io.stackpilot.core.common.Location;
import io.stackpilot.openstack.http.TlsTrust;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cloud and the service account Stackpilot uses, read as python-openstackclient reads them: {@code OS_CLOUD}
 * with {@code clouds.yaml}, or the {@code OS_*} variables (which also override a clouds.yaml entry). Domains and the
 * project are by name or by id (ids win when both are given); without any domain the user and project domain is
 * {@code OS_DEFAULT_DOMAIN} (default {@code default}), as in the OpenStack client. TLS: {@code OS_CACERT} (clouds.yaml
 * {@code cacert}) is a PEM bundle of the CAs to trust instead of the JDK's; {@code verify: false} (or
 * {@code OS_VERIFY=false}, {@code OS_INSECURE=true}) turns certificate checks off. Secrets are masked in
 * {@link #toString()}.
 *
 * @param cloud the cloud's name: {@code OS_CLOUD}, or "default"
 * @param region the region endpoints are taken from; null takes the first endpoint of any region
 * @param caCertFile the CA bundle to trust instead of the JDK's trust store; null for the JDK's
 * @param verifyTls false when certificates and host names of the cloud are not checked at all
 * @param computeEndpointOverride the compute (Nova) endpoint to use instead of the catalog's, in every region of the
 *                                cloud: clouds.yaml {@code compute_endpoint_override} or
 *                                {@code OS_COMPUTE_ENDPOINT_OVERRIDE}, as openstacksdk reads it; null: the catalog's
 */
public record CloudSettings(String cloud, String authUrl, AuthType authType, String username, String password,
                            String userDomainId, String userDomainName, String projectId, String projectName,
                            String projectDomainId, String projectDomainName, String applicationCredentialId,
                            String applicationCredentialSecret, String region, String endpointInterface,
                            Duration connectTimeout, Duration readTimeout, String caCertFile, boolean verifyTls,
                            String computeEndpointOverride) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** The region name that resources carry when none is configured: Keystone's bootstrap default. */
    public static final String DEFAULT_REGION = "RegionOne";

    /** How the service account logs in to Keystone. */
    public enum AuthType { PASSWORD, APPLICATION_CREDENTIAL }

    /** Reads the settings; returns null after adding one line per problem to {@code problems}. */
    public static CloudSettings fromEnvironment(Map<String, String> env, List<String> problems) {
        int before = problems.size();
        String cloud = blankToNull(env.get("OS_CLOUD"));
        Map<String, String> values = new HashMap<>();
        Map<String, String> fromFile = cloud == null ? Map.of() : CloudsYaml.load(cloud, env, problems);
        if (fromFile != null) {
            values.putAll(fromFile);
        }
        env.forEach((name, value) -> {
            if (name.startsWith("OS_") && value != null && !value.isBlank()) {
                values.put(name, value);
            }
        });
        Duration connect = duration(env, "STACKPILOT_OPENSTACK_CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT, problems);
        Duration read = duration(env, "STACKPILOT_OPENSTACK_READ_TIMEOUT", DEFAULT_READ_TIMEOUT, problems);
        if (fromFile == null) {
            return null;
        }
        CloudSettings settings = fromValues(cloud == null ? "default" : cloud, values, connect, read, problems);
        return problems.size() > before ? null : settings;
    }

    /**
     * A cloud named in {@code STACKPILOT_CLOUDS}: its clouds.yaml entry alone (the {@code OS_*} variables belong to
     * the identity cloud and do not override it), with the same timeouts. Returns null after adding one line per
     * problem, each naming the cloud, to {@code problems}.
     */
    public static CloudSettings fromCloudsYaml(String cloud, Map<String, String> env, List<String> problems) {
        List<String> own = new ArrayList<>();
        Map<String, String> values = CloudsYaml.load(cloud, "STACKPILOT_CLOUDS", env, own);
        Duration connect = duration(env, "STACKPILOT_OPENSTACK_CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT, own);
        Duration read = duration(env, "STACKPILOT_OPENSTACK_READ_TIMEOUT", DEFAULT_READ_TIMEOUT, own);
        CloudSettings settings = values == null ? null : fromValues(cloud, values, connect, read, own);
        own.forEach(problem -> problems.add(problem.contains("STACKPILOT_CLOUDS") ? problem
                : "STACKPILOT_CLOUDS: cloud '" + cloud + "': " + problem));
        return own.isEmpty() ? settings : null;
    }

    /** The same cloud and account, its endpoints taken from {@code newRegion} (null: the first of any region). */
    public CloudSettings withRegion(String newRegion) {
        return new CloudSettings(cloud, authUrl, authType, username, password, userDomainId, userDomainName,
                projectId, projectName, projectDomainId, projectDomainName, applicationCredentialId,
                applicationCredentialSecret, newRegion, endpointInterface, connectTimeout, readTimeout, caCertFile,
                verifyTls, computeEndpointOverride);
    }

    private static CloudSettings fromValues(String cloud, Map<String, String> values, Duration connect, Duration read,
                                            List<String> problems) {
        String authUrl = values.get("OS_AUTH_URL");
        if (authUrl == null) {
            problems.add("OS_AUTH_URL (or auth.auth_url in clouds.yaml) is required");
        } else if (!isHttpUrl(authUrl)) {
            problems.add("OS_AUTH_URL must be an http(s) URL, was '" + authUrl + "'");
        }
        AuthType type = authType(values.get("OS_AUTH_TYPE"), problems);
        String defaultDomain = values.getOrDefault("OS_DEFAULT_DOMAIN", "default");
        String domainId = values.get("OS_DOMAIN_ID");
        String domainName = values.get("OS_DOMAIN_NAME");
        String userDomainId = values.get("OS_USER_DOMAIN_ID");
        String userDomainName = values.get("OS_USER_DOMAIN_NAME");
        if (userDomainId == null && userDomainName == null) {
            userDomainId = domainId != null || domainName != null ? domainId : defaultDomain;
            userDomainName = domainName;
        }
        String projectDomainId = values.get("OS_PROJECT_DOMAIN_ID");
        String projectDomainName = values.get("OS_PROJECT_DOMAIN_NAME");
        if (projectDomainId == null && projectDomainName == null) {
            projectDomainId = domainId != null || domainName != null ? domainId : defaultDomain;
            projectDomainName = domainName;
        }
        if (type == AuthType.PASSWORD) {
            requireValue(values, "OS_USERNAME", "OS_USERNAME (or auth.username) is required for password"
                    + " authentication; set OS_AUTH_TYPE=v3applicationcredential to use an application credential",
                    problems);
            requireValue(values, "OS_PASSWORD", "OS_PASSWORD (or auth.password) is required for password"
                    + " authentication", problems);
            if (values.get("OS_PROJECT_NAME") == null && values.get("OS_PROJECT_ID") == null) {
                problems.add("OS_PROJECT_NAME or OS_PROJECT_ID is required: the service account needs a"
                        + " project-scoped token");
            }
        } else if (type == AuthType.APPLICATION_CREDENTIAL) {
            requireValue(values, "OS_APPLICATION_CREDENTIAL_ID", "OS_APPLICATION_CREDENTIAL_ID is required with"
                    + " OS_AUTH_TYPE=v3applicationcredential", problems);
            requireValue(values, "OS_APPLICATION_CREDENTIAL_SECRET", "OS_APPLICATION_CREDENTIAL_SECRET is required"
                    + " with OS_AUTH_TYPE=v3applicationcredential", problems);
        }
        String endpointInterface = endpointInterface(values.get("OS_INTERFACE"), problems);
        String caCert = values.get("OS_CACERT");
        if (caCert != null) {
            try {
                TlsTrust.check(Path.of(caCert));
            } catch (IllegalArgumentException unusable) { // also InvalidPathException
                problems.add("OS_CACERT (or cacert in clouds.yaml): " + unusable.getMessage());
            }
        }
        Boolean verify = flag(values, "OS_VERIFY", problems);
        Boolean insecure = flag(values, "OS_INSECURE", problems);
        String computeOverride = values.get("OS_COMPUTE_ENDPOINT_OVERRIDE");
        if (computeOverride != null && !isHttpUrl(computeOverride)) {
            problems.add("OS_COMPUTE_ENDPOINT_OVERRIDE (or compute_endpoint_override in clouds.yaml) must be an"
                    + " http(s) URL, was '" + computeOverride + "'");
        }
        if (type == null || endpointInterface == null || connect == null || read == null || authUrl == null
                || !isHttpUrl(authUrl)) {
            return null;
        }
        return new CloudSettings(cloud, authUrl, type, values.get("OS_USERNAME"), values.get("OS_PASSWORD"),
                userDomainId, userDomainName, values.get("OS_PROJECT_ID"), values.get("OS_PROJECT_NAME"),
                projectDomainId, projectDomainName, values.get("OS_APPLICATION_CREDENTIAL_ID"),
                values.get("OS_APPLICATION_CREDENTIAL_SECRET"), values.get("OS_REGION_NAME"), endpointInterface,
                connect, read, caCert, !Boolean.FALSE.equals(verify) && !Boolean.TRUE.equals(insecure),
                computeOverride);
    }

    /** How the cloud's TLS certificates are checked (see the class comment). */
    public TlsTrust tlsTrust() {
        return TlsTrust.of(caCertFile == null ? null : Path.of(caCertFile), verifyTls);
    }

    private static Boolean flag(Map<String, String> values, String name, List<String> problems) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> Boolean.TRUE;
            case "false", "0", "no" -> Boolean.FALSE;
            default -> {
                problems.add(name + " must be true or false, was '" + value + "'");
                yield null;
            }
        };
    }

    /** Where this cloud's resources live: the cloud's name and the configured region (or {@link #DEFAULT_REGION}). */
    public Location location() {
        return new Location(cloud, region == null ? DEFAULT_REGION : region);
    }

    private static AuthType authType(String value, List<String> problems) {
        String type = value == null ? "password" : value.trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "password", "v3password" -> AuthType.PASSWORD;
            case "v3applicationcredential", "applicationcredential" -> AuthType.APPLICATION_CREDENTIAL;
            default -> {
                problems.add("OS_AUTH_TYPE must be password or v3applicationcredential, was '" + value + "'");
                yield null;
            }
        };
    }

    private static String endpointInterface(String value, List<String> problems) {
        String name = value == null ? "public" : value.trim().toLowerCase(Locale.ROOT).replace("url", "");
        if (List.of("public", "internal", "admin").contains(name)) {
            return name;
        }
        problems.add("OS_INTERFACE must be public, internal or admin, was '" + value + "'");
        return null;
    }

    private static Duration duration(Map<String, String> env, String name, Duration fallback, List<String> problems) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            Duration parsed = Duration.parse(value.trim());
            if (parsed.isNegative() || parsed.isZero()) {
                problems.add(name + " must be a positive duration, was '" + value + "'");
                return null;
            }
            return parsed;
        } catch (DateTimeParseException invalid) {
            problems.add(name + " must be an ISO-8601 duration such as PT5S, was '" + value + "'");
            return null;
        }
    }

    private static void requireValue(Map<String, String> values, String name, String problem, List<String> problems) {
        if (values.get(name) == null) {
            problems.add(problem);
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException invalid) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "CloudSettings[cloud=" + cloud + ", authUrl=" + authUrl + ", authType=" + authType + ", username="
                + username + ", password=" + mask(password) + ", userDomainId=" + userDomainId + ", userDomainName="
                + userDomainName + ", projectId=" + projectId + ", projectName=" + projectName + ", projectDomainId="
                + projectDomainId + ", projectDomainName=" + projectDomainName + ", applicationCredentialId="
                + applicationCredentialId + ", applicationCredentialSecret=" + mask(applicationCredentialSecret)
                + ", region=" + region + ", endpointInterface=" + endpointInterface + ", connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + ", caCertFile=" + caCertFile + ", verifyTls="
                + verifyTls + ", computeEndpointOverride=" + computeEndpointOverride + "]";
    }

    private static String mask(String secret) {
        return secret == null ? "null" : "***";
    }
}
