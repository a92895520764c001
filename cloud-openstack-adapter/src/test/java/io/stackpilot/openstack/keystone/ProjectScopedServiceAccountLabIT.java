package io.stackpilot.openstack.keystone;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.OwnedServers;
import io.stackpilot.core.testing.contract.ManagedServerRepositoryContract;
import io.stackpilot.openstack.Lab;
import io.stackpilot.openstack.OpenStackCloud;
import io.stackpilot.openstack.UpstreamObserver;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lab's admin, as the engine's service account, scoped to the demo project: boots a VM with the marker as demo's,
 * finds it by the marker in demo's list, and deletes it. VMs are named "engine-...".
 */
class ProjectScopedServiceAccountLabIT {
    private static OpenStackCloud cloud;
    private static String demoProject;
    private static String altDemoProject;

    @BeforeAll
    static void connect() {
        cloud = Lab.connect("lab-admin", UpstreamObserver.NONE);
        demoProject = Lab.login(cloud, "demo", "demo", "demo").project().id();
        altDemoProject = Lab.login(cloud, "alt-demo", "demo", "alt-demo").project().id();
    }

    @AfterAll
    static void close() {
        cloud.close();
    }

    @Test
    void sessions_are_scoped_to_the_asked_project_and_see_only_its_servers() {
        Session demo = cloud.projectSessions().forProject(demoProject);
        Session altDemo = cloud.projectSessions().forProject(altDemoProject);

        assertThat(demo.project().id()).isEqualTo(demoProject);
        assertThat(altDemo.project().id()).isEqualTo(altDemoProject);
        assertThat(cloud.projectSessions().forProject(demoProject).token()).isEqualTo(demo.token());
        assertThat(cloud.compute().listServers(demo, io.stackpilot.core.compute.ServerQuery.all()).items())
                .allMatch(server -> server.projectId().equals(demoProject));
    }

    @Test
    void a_vm_booted_with_the_marker_is_found_by_it_in_the_owner_projects_list() {
        Session demo = cloud.projectSessions().forProject(demoProject);
        ManagedServer resource = ManagedServerRepositoryContract.declared(demoProject, "engine-lab", Instant.now());
        String network = cloud.networks().listNetworks(demo).stream().filter(n -> n.name().equals("private"))
                .findFirst().orElseThrow().id();
        String image = cloud.images().listImages(demo).stream().filter(i -> i.name().equals("cirros-0.6-lab"))
                .findFirst().orElseThrow().id();
        String flavor = cloud.compute().listFlavors(demo).stream()
                .min(java.util.Comparator.comparingInt(io.stackpilot.core.compute.Flavor::ramMb)).orElseThrow().id();
        Server booted = cloud.compute().boot(demo, new BootRequest("engine-" + UUID.randomUUID().toString()
                .substring(0, 8), flavor, image, List.of(network), false, null, null,
                Map.of(ManagedServer.MARKER_METADATA_KEY, resource.marker())));
        try {
            List<Server> found = OwnedServers.list(cloud.compute(), demo, demoProject).of(resource);
            List<Server> fromAltDemo = OwnedServers.list(cloud.compute(),
                    cloud.projectSessions().forProject(altDemoProject), altDemoProject).of(resource);

            assertThat(found).singleElement().satisfies(server -> {
                assertThat(server.id()).isEqualTo(booted.id());
                assertThat(server.projectId()).isEqualTo(demoProject);
            });
            assertThat(fromAltDemo).isEmpty();
        } finally {
            Lab.awaitStatus(cloud, demo, booted.id(), ServerStatus.ACTIVE);
            cloud.compute().delete(demo, booted.id());
            assertThat(Lab.awaitGone(cloud, demo, booted.id())).isTrue();
        }
    }
}
