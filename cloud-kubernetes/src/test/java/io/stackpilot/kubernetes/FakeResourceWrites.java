package io.stackpilot.kubernetes;

import io.fabric8.kubernetes.client.CustomResource;
import java.util.ArrayList;
import java.util.List;

/** What the Flavor and Schedule reconcilers wrote, applied to the objects they were given. */
final class FakeResourceWrites implements ResourceWrites {
    record RecordedEvent(String object, boolean warning, String reason, String message) {
    }

    final List<RecordedEvent> events = new ArrayList<>();
    int statusWrites;

    @Override
    public synchronized <S> void writeStatus(CustomResource<?, S> resource, S status) {
        statusWrites++;
        resource.setStatus(status);
    }

    @Override
    public synchronized void addFinalizer(CustomResource<?, ?> resource, String finalizer) {
        resource.addFinalizer(finalizer);
    }

    @Override
    public synchronized void removeFinalizer(CustomResource<?, ?> resource, String finalizer) {
        resource.removeFinalizer(finalizer);
    }

    @Override
    public synchronized void event(CustomResource<?, ?> resource, boolean warning, String reason, String message) {
        events.add(new RecordedEvent(resource.getMetadata().getName(), warning, reason, message));
    }

    synchronized List<String> reasons() {
        return events.stream().map(RecordedEvent::reason).toList();
    }
}
