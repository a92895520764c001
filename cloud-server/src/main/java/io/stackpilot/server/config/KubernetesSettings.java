package io.stackpilot.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes mode ({@code STACKPILOT_KUBERNETES=true}): the daemon also runs the controller of Server custom
 * resources. {@code namespace} null watches every namespace ({@code STACKPILOT_KUBERNETES_NAMESPACE}); {@code resync}
 * is how often every Server is looked at again ({@code STACKPILOT_KUBERNETES_RESYNC}, default 10 s). The cluster is
 * found the usual way: {@code KUBECONFIG} (one file, read from the daemon's environment), else the in-cluster
 * service account, else ~/.kube/config.
 */
public record KubernetesSettings(boolean enabled, String namespace, Duration resync, String kubeconfig) {
    public static final List<String> VARIABLES = List.of("STACKPILOT_KUBERNETES", "STACKPILOT_KUBERNETES_NAMESPACE",
            "STACKPILOT_KUBERNETES_RESYNC");

    /** Adds every problem to {@code problems}. */
    public static KubernetesSettings fromEnvironment(Map<String, String> env, List<String> problems) {
        EnvReader read = new EnvReader(env, problems);
        String namespace = read.text("STACKPILOT_KUBERNETES_NAMESPACE", "");
        if (!namespace.isEmpty() && !namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            problems.add("STACKPILOT_KUBERNETES_NAMESPACE must be a namespace name (a DNS label), was '"
                    + namespace + "'");
        }
        Duration resync = read.duration("STACKPILOT_KUBERNETES_RESYNC", Duration.ofSeconds(10));
        if (resync.compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add("STACKPILOT_KUBERNETES_RESYNC must be at least PT1S");
        }
        return new KubernetesSettings(read.bool("STACKPILOT_KUBERNETES", false),
                namespace.isEmpty() ? null : namespace, resync, read.text("KUBECONFIG", null));
    }
}
