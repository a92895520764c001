package io.stackpilot.kubernetes.crd;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The {@code Flavor} custom resource (stackpilot.io/v1alpha1, cluster-scoped, for cluster admins): a flavor the cloud
 * must have, created once or adopted when one of that name and shape exists. Its schema is
 * deploy/kubernetes/crds/flavors.stackpilot.io.yaml.
 */
@Group(ServerResource.GROUP)
@Version(ServerResource.VERSION)
@Kind("Flavor")
@Plural("flavors")
@Singular("flavor")
public class FlavorResource extends CustomResource<FlavorSpec, FlavorStatus> {
    private static final long serialVersionUID = 1L;
}
