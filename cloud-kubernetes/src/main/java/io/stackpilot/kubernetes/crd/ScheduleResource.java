package io.stackpilot.kubernetes.crd;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The {@code Schedule} custom resource (stackpilot.io/v1alpha1): a peak-hours schedule of the cloudRef's project,
 * the same thing as {@code POST /api/v1/schedules}. Its schema is deploy/kubernetes/crds/schedules.stackpilot.io.yaml.
 */
@Group(ServerResource.GROUP)
@Version(ServerResource.VERSION)
@Kind("Schedule")
@Plural("schedules")
@Singular("schedule")
public class ScheduleResource extends CustomResource<ScheduleSpec, ScheduleStatus> implements Namespaced {
    private static final long serialVersionUID = 1L;
}
