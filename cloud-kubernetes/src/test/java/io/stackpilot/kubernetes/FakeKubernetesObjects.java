package io.stackpilot.kubernetes;

import io.stackpilot.kubernetes.crd.ServerResource;
import io.stackpilot.kubernetes.crd.ServerStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Kubernetes side in memory: Secrets, and what the reconciler wrote to the Server objects it was given. */
final class FakeKubernetesObjects implements KubernetesObjects {
    record RecordedEvent(String server, boolean warning, String reason, String message) {
    }

    final Map<String, String> secrets = new HashMap<>();
    final List<RecordedEvent> events = new ArrayList<>();
    int statusWrites;

    void putSecret(String namespace, String name, String key, String value) {
        secrets.put(namespace + "/" + name + "/" + key, value);
    }

    @Override
    public synchronized Optional<String> secretValue(String namespace, String secretName, String key) {
        return Optional.ofNullable(secrets.get(namespace + "/" + secretName + "/" + key));
    }

    @Override
    public synchronized void addFinalizer(ServerResource server, String finalizer) {
        server.addFinalizer(finalizer);
    }

    @Override
    public synchronized void removeFinalizer(ServerResource server, String finalizer) {
        server.removeFinalizer(finalizer);
    }

    @Override
    public synchronized void writeStatus(ServerResource server, ServerStatus status) {
        statusWrites++;
        server.setStatus(status);
    }

    @Override
    public synchronized void event(ServerResource server, boolean warning, String reason, String message) {
        events.add(new RecordedEvent(server.getMetadata().getName(), warning, reason, message));
    }
}
