package io.stackpilot.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.identity.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's library example: connect with the standard OpenStack settings and list servers. */
class LibraryUsageExampleLabIT {

    @Test
    void connects_with_clouds_yaml_and_lists_the_service_projects_servers() {
        // --- README example starts here ---
        Map<String, String> env = Map.of(                      // or System.getenv()
                "OS_CLOUD", "lab-demo",
                "OS_CLIENT_CONFIG_FILE", "/tmp/openstack-lab/clouds.yaml");
        List<String> problems = new ArrayList<>();
        CloudSettings settings = CloudSettings.fromEnvironment(env, problems);
        if (settings == null) {
            throw new IllegalStateException("bad OpenStack settings: " + problems);
        }
        try (OpenStackCloud cloud = OpenStackCloud.connect(settings, UpstreamObserver.NONE)) {
            Session session = cloud.serviceSession();            // or a user's token: new Session(token, principal, ..)
            List<Server> servers = cloud.compute().listServers(session, ServerQuery.all()).items();
            servers.forEach(server -> System.out.println(server.name() + " " + server.status() + " "
                    + server.addresses()));
            // --- README example ends here ---
            assertThat(servers).allSatisfy(server -> assertThat(server.projectId())
                    .isEqualTo(session.project().id()));
            assertThat(session.project().name()).isEqualTo("demo");
            assertThat(session.trace().requestIds()).isNotEmpty();
        }
    }
}
