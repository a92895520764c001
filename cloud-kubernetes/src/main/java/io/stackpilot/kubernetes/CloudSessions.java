package io.stackpilot.kubernetes;

import io.stackpilot.core.identity.Session;
import io.stackpilot.kubernetes.crd.ServerSpec.CloudRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions for the cloudRef Secrets: read the Secret, log in once, and reuse the session until the Secret is read
 * again ({@code secretTtl}, a changed clouds.yaml logs in anew) or the token is near its expiry. Thread-safe.
 */
final class CloudSessions {
    static final String CLOUDS_YAML = "clouds.yaml";
    private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(5);

    private final KubernetesObjects cluster;
    private final CloudLogin login;
    private final String cloudAuthUrl;
    private final Clock clock;
    private final Duration secretTtl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Session session, int yamlHash, Instant readAt) {
    }

    /** {@code cloudAuthUrl}: the daemon's cloud; a cloudRef naming another one is refused (null: not checked). */
    CloudSessions(KubernetesObjects cluster, CloudLogin login, String cloudAuthUrl, Clock clock, Duration secretTtl) {
        this.cluster = cluster;
        this.login = login;
        this.cloudAuthUrl = cloudAuthUrl;
        this.clock = clock;
        this.secretTtl = secretTtl;
    }

    /**
     * @throws CloudRefException when the Secret, its clouds.yaml or the entry is missing or unusable
     * @throws io.stackpilot.core.error.StackpilotException when the login fails
     */
    Session sessionFor(String namespace, CloudRef ref) {
        String cloud = ref.cloud() == null ? "openstack" : ref.cloud();
        String key = namespace + "/" + ref.secretName() + "/" + cloud;
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && now.isBefore(cached.readAt().plus(secretTtl)) && fresh(cached.session(), now)) {
            return cached.session();
        }
        String yaml = cluster.secretValue(namespace, ref.secretName(), CLOUDS_YAML).orElseThrow(() ->
                new CloudRefException("SecretNotFound", "Secret " + ref.secretName() + " with key " + CLOUDS_YAML
                        + " not found in namespace " + namespace));
        if (cached != null && cached.yamlHash() == yaml.hashCode() && fresh(cached.session(), now)) {
            cache.put(key, new Cached(cached.session(), cached.yamlHash(), now));
            return cached.session();
        }
        CloudEntry entry = CloudEntry.parse(yaml, cloud);
        if (cloudAuthUrl != null && entry.authUrl() != null && !sameUrl(cloudAuthUrl, entry.authUrl())) {
            throw new CloudRefException("OtherCloud", "cloud '" + cloud + "' authenticates at " + entry.authUrl()
                    + " but this controller serves " + cloudAuthUrl);
        }
        Session session = login.login(entry.credentials());
        cache.put(key, new Cached(session, yaml.hashCode(), now));
        return session;
    }

    private static boolean fresh(Session session, Instant now) {
        Instant expires = session.principal().expiresAt();
        return expires == null || now.plus(EXPIRY_MARGIN).isBefore(expires);
    }

    static boolean sameUrl(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    private static String normalize(String url) {
        String value = url.trim().toLowerCase(Locale.ROOT);
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        return value.endsWith("/v3") ? value.substring(0, value.length() - 3) : value;
    }
}
