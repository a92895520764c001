package io.stackpilot.core.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * A token with the admin role in an allowed project (lab: admin in demo) sees every project's servers at Nova; the
 * service must still show and change only the session project's servers (issue 14, item 1).
 */
class ServerOwnershipTest {
    private final MutableClock clock = MutableClock.at("2026-11-22T06:00:00Z");
    private final FakeCloud cloud = FakeCloud.withLabContent(clock);
    private final ServerService servers = new ServerService(cloud, cloud, cloud);
    private final Session adminInDemo = TestData.session(TestData.adminIn(TestData.DEMO));
    private final Server foreign = cloud.putServer(TestData.server("srv-admin", TestData.ADMIN_PROJECT,
            ServerStatus.ACTIVE, clock.instant()));

    @Test
    void the_fake_lets_an_admin_token_see_another_projects_server_as_nova_does() {
        assertThat(cloud.findServer(adminInDemo, foreign.id())).isPresent();
    }

    @Test
    void an_admin_token_cannot_show_a_server_of_another_project() {
        assertThatThrownBy(() -> servers.get(adminInDemo, foreign.id()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(foreign.id().value());
    }

    @Test
    void an_admin_token_cannot_delete_a_server_of_another_project_and_the_server_stays() {
        assertThatThrownBy(() -> servers.delete(adminInDemo, foreign.id())).isInstanceOf(NotFoundException.class);
        assertThat(cloud.allServers()).contains(foreign);
        assertThat(cloud.calls("delete")).isZero();
    }

    @Test
    void an_admin_token_still_shows_and_deletes_its_own_projects_server() {
        Server own = cloud.putServer(TestData.server("srv-demo", TestData.DEMO, ServerStatus.ACTIVE, clock.instant()));
        assertThat(servers.get(adminInDemo, own.id()).name()).isEqualTo("srv-demo");
        servers.delete(adminInDemo, own.id());
        assertThat(cloud.allServers()).containsExactly(foreign);
    }

    @Test
    void a_list_holds_only_the_session_projects_servers_even_when_the_cloud_shows_more() {
        Server own = cloud.putServer(TestData.server("srv-demo", TestData.DEMO, ServerStatus.ACTIVE, clock.instant()));
        cloud.setListsLeakOtherProjects(true);
        assertThat(cloud.listServers(adminInDemo, ServerQuery.all()).items()).hasSize(2);

        assertThat(servers.list(adminInDemo, ServerQuery.all()).items()).extracting(Server::id)
                .containsExactly(own.id());
    }

    @Test
    void a_callers_list_never_asks_the_cloud_for_all_projects() {
        assertThatThrownBy(() -> servers.list(adminInDemo, ServerQuery.allProjects(null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(cloud.calls("listServers")).isZero();
    }
}
