package io.stackpilot.kubernetes;

import io.stackpilot.kubernetes.crd.ServerResource;
import io.stackpilot.kubernetes.crd.ServerStatus;
import java.util.Optional;

/**
 * What the controller reads and writes in the Kubernetes API besides watching Servers (fabric8 implements it; tests
 * use an in-memory fake). Thread-safe. Calls throw fabric8's KubernetesClientException on API errors.
 */
public interface KubernetesObjects {

    /** The value of {@code key} in the Secret, decoded; empty when the Secret or the key does not exist. */
    Optional<String> secretValue(String namespace, String secretName, String key);

    /** Adds the finalizer unless present. */
    void addFinalizer(ServerResource server, String finalizer);

    /** Removes the finalizer (then the API server may delete the object). */
    void removeFinalizer(ServerResource server, String finalizer);

    /** Replaces the status through the status subresource. */
    void writeStatus(ServerResource server, ServerStatus status);

    /** Records a Kubernetes Event about the Server; {@code warning} false means type Normal. */
    void event(ServerResource server, boolean warning, String reason, String message);
}
