package io.stackpilot.core.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import org.junit.jupiter.api.Test;

class ServerControlServiceTest {
    private final MutableClock clock = MutableClock.at("2026-12-01T06:00:00Z");
    private final FakeCloud cloud = FakeCloud.withLabContent(clock);
    private final ServerControlService control = new ServerControlService(cloud, cloud, cloud);
    private final Session demo = TestData.session(TestData.demo());
    private final Server server = cloud.putServer(TestData.server("vm", TestData.DEMO, ServerStatus.ACTIVE,
            clock.instant()));

    private ServerStatus status() {
        return cloud.findServer(demo, server.id()).orElseThrow().status();
    }

    @Test
    void stop_then_start_change_the_power_state() {
        assertThat(control.act(demo, server.id(), new ServerAction.Stop()).sent()).isTrue();
        assertThat(status()).isEqualTo(ServerStatus.SHUTOFF);
        assertThat(control.act(demo, server.id(), new ServerAction.Start()).sent()).isTrue();
        assertThat(status()).isEqualTo(ServerStatus.ACTIVE);
    }

    @Test
    void a_stop_of_a_stopped_server_succeeds_without_a_call_to_the_cloud() {
        control.act(demo, server.id(), new ServerAction.Stop());
        ServerControlService.Outcome again = control.act(demo, server.id(), new ServerAction.Stop());
        assertThat(again.sent()).isFalse();
        assertThat(again.statusBefore()).isEqualTo(ServerStatus.SHUTOFF);
        assertThat(cloud.calls("act")).isEqualTo(1);
    }

    @Test
    void a_start_of_an_active_server_succeeds_without_a_call_to_the_cloud() {
        assertThat(control.act(demo, server.id(), new ServerAction.Start()).sent()).isFalse();
        assertThat(cloud.calls("act")).isZero();
    }

    @Test
    void a_conflict_after_which_the_server_is_where_the_action_leads_is_success() {
        ServerControlService racing = new ServerControlService(cloud, cloud, new ServerControlGateway() {
            @Override
            public void act(Session session, ServerId id, ServerAction action) {
                cloud.act(session, id, action); // another request stopped it first
                throw new ConflictException("Cannot 'stop' instance while it is in vm_state stopped");
            }

            @Override
            public String consoleLog(Session session, ServerId id, Integer lines) {
                return "";
            }
        });
        assertThat(racing.act(demo, server.id(), new ServerAction.Stop()).sent()).isFalse();
        assertThat(status()).isEqualTo(ServerStatus.SHUTOFF);
    }

    @Test
    void a_conflict_that_leaves_the_server_elsewhere_is_a_conflict() {
        cloud.setStatus(server.id(), ServerStatus.BUILD);
        assertThatThrownBy(() -> control.act(demo, server.id(), new ServerAction.Stop()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("BUILD");
    }

    @Test
    void soft_and_hard_reboots_are_sent_every_time() {
        assertThat(control.act(demo, server.id(), new ServerAction.Reboot(false)).sent()).isTrue();
        assertThat(control.act(demo, server.id(), new ServerAction.Reboot(true)).sent()).isTrue();
        assertThat(cloud.calls("act")).isEqualTo(2);
    }

    @Test
    void resize_by_flavor_name_then_confirm_keeps_the_new_flavor() {
        ServerControlService.Outcome resized = control.act(demo, server.id(), new ServerAction.Resize("m1.small"));
        assertThat(resized.action()).isEqualTo(new ServerAction.Resize("2"));
        assertThat(status()).isEqualTo(ServerStatus.VERIFY_RESIZE);
        assertThat(control.act(demo, server.id(), new ServerAction.Resize("2")).sent()).isFalse();
        control.act(demo, server.id(), new ServerAction.ConfirmResize());
        Server now = cloud.findServer(demo, server.id()).orElseThrow();
        assertThat(now.status()).isEqualTo(ServerStatus.ACTIVE);
        assertThat(now.flavor().id()).isEqualTo("2");
    }

    @Test
    void revert_goes_back_to_the_old_flavor() {
        control.act(demo, server.id(), new ServerAction.Resize("3"));
        control.act(demo, server.id(), new ServerAction.RevertResize());
        assertThat(cloud.findServer(demo, server.id()).orElseThrow().flavor().id()).isEqualTo("1");
    }

    @Test
    void confirm_without_a_resize_is_a_conflict_naming_the_status() {
        assertThatThrownBy(() -> control.act(demo, server.id(), new ServerAction.ConfirmResize()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("ACTIVE, not VERIFY_RESIZE");
        assertThat(cloud.calls("act")).isZero();
    }

    @Test
    void resize_to_an_unknown_or_the_same_flavor_is_invalid_and_sends_nothing() {
        assertThatThrownBy(() -> control.act(demo, server.id(), new ServerAction.Resize("m9.huge")))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> assertThat(invalid.problems())
                        .singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("flavor")));
        assertThatThrownBy(() -> control.act(demo, server.id(), new ServerAction.Resize("m1.tiny")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("flavor already");
        assertThat(cloud.calls("act")).isZero();
    }

    @Test
    void rebuild_takes_an_image_by_name_and_refuses_an_unknown_one() {
        assertThat(control.act(demo, server.id(), new ServerAction.Rebuild("cirros-0.6-lab")).action())
                .isEqualTo(new ServerAction.Rebuild(TestData.CIRROS_IMAGE_ID));
        assertThatThrownBy(() -> control.act(demo, server.id(), new ServerAction.Rebuild("nope")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("unknown image nope");
    }

    @Test
    void an_admin_token_cannot_act_on_or_read_the_console_of_another_projects_server() {
        Session adminInAlt = TestData.session(TestData.adminIn(TestData.ALT_DEMO));
        assertThat(cloud.findServer(adminInAlt, server.id())).isPresent();
        assertThatThrownBy(() -> control.act(adminInAlt, server.id(), new ServerAction.Stop()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> control.consoleLog(adminInAlt, server.id(), 10))
                .isInstanceOf(NotFoundException.class);
        assertThat(cloud.calls("act")).isZero();
        assertThat(cloud.calls("consoleLog")).isZero();
        assertThat(status()).isEqualTo(ServerStatus.ACTIVE);
    }

    @Test
    void the_console_log_keeps_the_last_lines_and_refuses_a_bad_count() {
        assertThat(control.consoleLog(demo, server.id(), 1)).isEqualTo("LAST LINE");
        assertThatThrownBy(() -> control.consoleLog(demo, server.id(), 0)).isInstanceOf(InvalidRequestException.class);
    }
}
