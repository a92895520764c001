package io.stackpilot.kubernetes;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.stackpilot.kubernetes.crd.ServerResource;
import io.stackpilot.kubernetes.crd.ServerStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** {@link KubernetesObjects} over fabric8's client. Thread-safe (the client is). */
final class Fabric8Objects implements KubernetesObjects, ResourceWrites {
    static final String COMPONENT = "stackpilot-controller";
    private static final int NOT_FOUND = 404;

    private final KubernetesClient client;
    private final String identity;
    private final Clock clock;

    Fabric8Objects(KubernetesClient client, String identity, Clock clock) {
        this.client = client;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public Optional<String> secretValue(String namespace, String secretName, String key) {
        Secret secret = client.secrets().inNamespace(namespace).withName(secretName).get();
        if (secret == null) {
            return Optional.empty();
        }
        if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
            return Optional.of(secret.getStringData().get(key));
        }
        if (secret.getData() == null || !secret.getData().containsKey(key)) {
            return Optional.empty();
        }
        return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
    }

    @Override
    public void addFinalizer(ServerResource server, String finalizer) {
        ignoreGone(() -> servers(server).edit(current -> {
            current.addFinalizer(finalizer);
            return current;
        }));
    }

    @Override
    public void removeFinalizer(ServerResource server, String finalizer) {
        ignoreGone(() -> servers(server).edit(current -> {
            current.removeFinalizer(finalizer);
            return current;
        }));
    }

    @Override
    public void writeStatus(ServerResource server, ServerStatus status) {
        ignoreGone(() -> servers(server).editStatus(current -> {
            current.setStatus(status);
            return current;
        }));
    }

    @Override
    public void event(ServerResource server, boolean warning, String reason, String message) {
        event((HasMetadata) server, warning, reason, message);
    }

    @Override
    public <S> void writeStatus(CustomResource<?, S> resource, S status) {
        ignoreGone(() -> resource(resource).editStatus(current -> {
            current.setStatus(status);
            return current;
        }));
    }

    @Override
    public void addFinalizer(CustomResource<?, ?> resource, String finalizer) {
        ignoreGone(() -> resource(resource).edit(current -> {
            current.addFinalizer(finalizer);
            return current;
        }));
    }

    @Override
    public void removeFinalizer(CustomResource<?, ?> resource, String finalizer) {
        ignoreGone(() -> resource(resource).edit(current -> {
            current.removeFinalizer(finalizer);
            return current;
        }));
    }

    @Override
    public void event(CustomResource<?, ?> resource, boolean warning, String reason, String message) {
        event((HasMetadata) resource, warning, reason, message);
    }

    @SuppressWarnings("unchecked")
    private <S, R extends CustomResource<?, S>> io.fabric8.kubernetes.client.dsl.Resource<R> resource(
            CustomResource<?, S> resource) {
        var all = client.resources((Class<R>) resource.getClass());
        String namespace = resource.getMetadata().getNamespace();
        return namespace == null ? all.withName(resource.getMetadata().getName())
                : all.inNamespace(namespace).withName(resource.getMetadata().getName());
    }

    /** Events of cluster-scoped objects (Flavors) go to the default namespace, as Kubernetes' own do. */
    private void event(HasMetadata server, boolean warning, String reason, String message) {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        String namespace = server.getMetadata().getNamespace() == null ? "default"
                : server.getMetadata().getNamespace();
        ignoreGone(() -> client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                .withNewMetadata()
                .withGenerateName(server.getMetadata().getName() + ".")
                .withNamespace(namespace)
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(server.getApiVersion()).withKind(server.getKind())
                        .withNamespace(server.getMetadata().getNamespace()).withName(server.getMetadata().getName())
                        .withUid(server.getMetadata().getUid())
                        .withResourceVersion(server.getMetadata().getResourceVersion()).build())
                .withType(warning ? "Warning" : "Normal")
                .withReason(reason)
                .withMessage(message.length() > 1000 ? message.substring(0, 1000) : message)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent(COMPONENT).withHost(identity.toLowerCase(Locale.ROOT)).endSource()
                .withReportingComponent(COMPONENT).withReportingInstance(identity)
                .build()).create());
    }

    private io.fabric8.kubernetes.client.dsl.Resource<ServerResource> servers(ServerResource server) {
        return client.resources(ServerResource.class).inNamespace(server.getMetadata().getNamespace())
                .withName(server.getMetadata().getName());
    }

    /** The Server (or its namespace) disappeared meanwhile: nothing left to write. */
    private static void ignoreGone(Runnable call) {
        try {
            call.run();
        } catch (KubernetesClientException failed) {
            if (failed.getCode() != NOT_FOUND) {
                throw failed;
            }
        }
    }
}
