package io.stackpilot.kubernetes.crd;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The {@code Server} custom resource (stackpilot.io/v1alpha1): an OpenStack server declared in Kubernetes. Its
 * schema is deploy/kubernetes/crds/servers.stackpilot.io.yaml; this class only carries it over the wire.
 */
@Group(ServerResource.GROUP)
@Version(ServerResource.VERSION)
@Kind("Server")
@Plural("servers")
@Singular("server")
public class ServerResource extends CustomResource<ServerSpec, ServerStatus> implements Namespaced {
    public static final String GROUP = "stackpilot.io";
    public static final String VERSION = "v1alpha1";
    private static final long serialVersionUID = 1L;
}
