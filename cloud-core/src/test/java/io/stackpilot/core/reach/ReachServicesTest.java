package io.stackpilot.core.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.KeyPair;
import io.stackpilot.core.compute.KeyPairService;
import io.stackpilot.core.compute.NewKeyPair;
import io.stackpilot.core.compute.OwnedBootReferences;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerService;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.network.FloatingIp;
import io.stackpilot.core.network.NewSecurityGroup;
import io.stackpilot.core.network.SecurityGroup;
import io.stackpilot.core.network.SecurityGroupRule;
import io.stackpilot.core.network.SecurityGroupRuleSpec;
import io.stackpilot.core.network.SecurityGroupService;
import io.stackpilot.core.testing.FakeCloud;
import io.stackpilot.core.testing.FakeReach;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReachServicesTest {
    private final FakeCloud cloud = FakeCloud.withLabContent(MutableClock.at("2026-12-01T10:00:00Z"));
    private final FakeReach reach = new FakeReach(cloud);
    private final FloatingIpService floatingIps = new FloatingIpService(reach, cloud, cloud);
    private final SecurityGroupService groups = new SecurityGroupService(reach);
    private final KeyPairService keyPairs = new KeyPairService(reach);
    private final ServerService servers = new ServerService(cloud, cloud, cloud,
            new OwnedBootReferences(keyPairs, groups));
    private final Session demo = TestData.session(TestData.demo());
    private final Session altDemo = TestData.session(TestData.altDemo());
    private final Session adminInAltDemo = TestData.session(TestData.adminIn(TestData.ALT_DEMO));

    private Server boot(Session session) {
        return servers.launch(session, new BootRequest("vm", "1", TestData.CIRROS_IMAGE_ID,
                List.of(TestData.PRIVATE_NETWORK_ID), false, null, null, Map.of()));
    }

    @Test
    void allocates_from_the_only_external_network_and_associates_with_the_servers_ipv4_port() {
        Server server = boot(demo);
        FloatingIp ip = floatingIps.allocate(demo, null);
        assertThat(ip.floatingNetworkId()).isEqualTo(TestData.PUBLIC_NETWORK_ID);

        FloatingIp associated = floatingIps.associate(demo, ip.id(), server.id());

        assertThat(associated.serverId()).isEqualTo(server.id().value());
        assertThat(associated.fixedIp()).isEqualTo(server.addresses().getFirst().ip());
        assertThat(floatingIps.associate(demo, ip.id(), server.id())).isEqualTo(associated);
        assertThat(floatingIps.disassociate(demo, ip.id()).associated()).isFalse();
        floatingIps.release(demo, ip.id());
        assertThat(floatingIps.list(demo)).isEmpty();
    }

    @Test
    void refuses_a_network_that_is_not_external_listing_the_field() {
        assertThatThrownBy(() -> floatingIps.allocate(demo, TestData.PRIVATE_NETWORK_ID))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> assertThat(invalid.problems())
                        .extracting(FieldProblem::field).containsExactly("floating_network_id"));
    }

    @Test
    void another_projects_floating_ip_is_not_found_also_for_an_admin_role_token() {
        FloatingIp ip = floatingIps.allocate(demo, null);
        Server altServer = boot(altDemo);
        for (Session other : List.of(altDemo, adminInAltDemo)) {
            assertThatThrownBy(() -> floatingIps.get(other, ip.id())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> floatingIps.associate(other, ip.id(), altServer.id()))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> floatingIps.disassociate(other, ip.id())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> floatingIps.release(other, ip.id())).isInstanceOf(NotFoundException.class);
            assertThat(floatingIps.list(other)).isEmpty();
        }
        assertThat(reach.allFloatingIps()).extracting(FloatingIp::id).containsExactly(ip.id());
    }

    @Test
    void associating_with_another_projects_server_is_not_found_even_when_the_token_may_see_it() {
        Server demoServer = boot(demo);
        FloatingIp ip = floatingIps.allocate(adminInAltDemo, null);
        assertThatThrownBy(() -> floatingIps.associate(adminInAltDemo, ip.id(), demoServer.id()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.kind()).isEqualTo("server"));
    }

    @Test
    void allocate_for_a_server_without_an_address_releases_the_address_again() {
        Server server = cloud.putServer(TestData.server("bare", TestData.DEMO,
                io.stackpilot.core.compute.ServerStatus.ACTIVE, java.time.Instant.parse("2026-12-01T09:00:00Z")));
        assertThatThrownBy(() -> floatingIps.allocateFor(demo, null, server.id())).isInstanceOf(ConflictException.class);
        assertThat(reach.allFloatingIps()).isEmpty();
    }

    @Test
    void creates_a_group_with_its_rules_and_deletes_a_rule_only_of_that_group() {
        SecurityGroup group = groups.create(demo, new NewSecurityGroup("ssh", "SSH from anywhere",
                List.of(SecurityGroupRuleSpec.sshFromAnywhere())));
        SecurityGroupRule ssh = group.rules().stream().filter(r -> "tcp".equals(r.protocol())).findFirst()
                .orElseThrow();
        assertThat(ssh.portRangeMin()).isEqualTo(22);
        SecurityGroup other = groups.create(demo, new NewSecurityGroup("other", null, List.of()));

        assertThatThrownBy(() -> groups.deleteRule(demo, other.id(), ssh.id())).isInstanceOf(NotFoundException.class);
        groups.deleteRule(demo, group.id(), ssh.id());
        assertThat(groups.get(demo, group.id()).rules()).noneMatch(r -> r.id().equals(ssh.id()));
    }

    @Test
    void a_rule_the_cloud_refuses_leaves_no_group_behind() {
        SecurityGroupRuleSpec ssh = SecurityGroupRuleSpec.sshFromAnywhere();
        assertThatThrownBy(() -> groups.create(demo, new NewSecurityGroup("twice", "", List.of(ssh, ssh))))
                .isInstanceOf(ConflictException.class);
        assertThat(groups.list(demo)).isEmpty();
    }

    @Test
    void another_projects_security_group_is_not_found_also_for_an_admin_role_token() {
        SecurityGroup group = groups.create(demo, new NewSecurityGroup("ssh", "", List.of()));
        for (Session other : List.of(altDemo, adminInAltDemo)) {
            assertThatThrownBy(() -> groups.get(other, group.id())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> groups.addRule(other, group.id(), SecurityGroupRuleSpec.sshFromAnywhere()))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> groups.delete(other, group.id())).isInstanceOf(NotFoundException.class);
            assertThat(groups.list(other)).isEmpty();
        }
        assertThat(groups.get(demo, group.id()).rules()).hasSize(2);
    }

    @Test
    void rule_problems_are_all_listed_with_their_fields() {
        assertThatThrownBy(() -> new SecurityGroupRuleSpec("inbound", "IPv5", null, 22, 22, "nowhere"))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> assertThat(invalid.problems())
                        .extracting(FieldProblem::field)
                        .containsExactly("direction", "ethertype", "port_range_min", "remote_ip_prefix"));
    }

    @Test
    void a_created_key_pair_carries_its_private_key_which_its_text_form_hides() {
        NewKeyPair created = keyPairs.create(demo, "laptop");
        assertThat(created.privateKey()).contains("PRIVATE KEY");
        assertThat(created.toString()).doesNotContain(created.privateKey()).contains("***");
        assertThat(keyPairs.list(demo)).extracting(KeyPair::name).containsExactly("laptop");
    }

    @Test
    void imports_only_a_public_key_listing_every_problem() {
        assertThatThrownBy(() -> keyPairs.importPublicKey(demo, "bad/name",
                "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----"))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> assertThat(invalid.problems())
                        .extracting(FieldProblem::field).containsExactly("name", "public_key"));
        KeyPair imported = keyPairs.importPublicKey(demo, "mine", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIabc me@host");
        assertThat(keyPairs.get(demo, "mine")).isEqualTo(imported);
    }

    @Test
    void another_users_key_pair_is_not_found_even_when_the_cloud_answers_with_it() {
        keyPairs.create(demo, "laptop");
        reach.setLeakOtherUsersKeyPairs(true);
        for (Session other : List.of(altDemo, adminInAltDemo)) {
            assertThatThrownBy(() -> keyPairs.get(other, "laptop")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> keyPairs.delete(other, "laptop")).isInstanceOf(NotFoundException.class);
            assertThat(keyPairs.list(other)).isEmpty();
        }
        assertThat(keyPairs.get(demo, "laptop").name()).isEqualTo("laptop");
    }

    @Test
    void a_boot_naming_another_users_key_or_another_projects_group_is_invalid_listing_both() {
        keyPairs.create(demo, "laptop");
        SecurityGroup group = groups.create(demo, new NewSecurityGroup("ssh", "", List.of()));
        BootRequest request = new BootRequest("vm", "1", TestData.CIRROS_IMAGE_ID,
                List.of(TestData.PRIVATE_NETWORK_ID), false, "laptop", null, Map.of(), List.of(group.id()));

        assertThatThrownBy(() -> servers.launch(altDemo, request))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> assertThat(invalid.problems())
                        .extracting(FieldProblem::field).containsExactly("key_name", "security_groups"));
        assertThat(servers.launch(demo, request).name()).isEqualTo("vm");
    }
}
