package io.stackpilot.kubernetes;

import io.fabric8.kubernetes.client.CustomResource;

/**
 * What the Flavor and Schedule reconcilers write to their objects (fabric8 implements it; tests keep it in memory).
 * Thread-safe. Calls throw fabric8's KubernetesClientException on API errors; an object gone meanwhile is no error.
 */
interface ResourceWrites {

    /** Replaces the status through the status subresource. */
    <S> void writeStatus(CustomResource<?, S> resource, S status);

    /** Adds the finalizer unless present. */
    void addFinalizer(CustomResource<?, ?> resource, String finalizer);

    /** Removes the finalizer (then the API server may delete the object). */
    void removeFinalizer(CustomResource<?, ?> resource, String finalizer);

    /** Records a Kubernetes Event about the object; {@code warning} false means type Normal. */
    void event(CustomResource<?, ?> resource, boolean warning, String reason, String message);
}
