package io.stackpilot.core.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerService;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.UpstreamUnavailableException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.managed.OperationExecutor;
import io.stackpilot.core.network.FloatingIp;
import io.stackpilot.core.network.FloatingIpGateway;
import io.stackpilot.core.network.ServerPort;
import io.stackpilot.core.operation.Backoff;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationKind;
import io.stackpilot.core.operation.OperationState;
import io.stackpilot.core.testing.EngineHarness;
import io.stackpilot.core.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FloatingIpAtLaunchTest {
    private final EngineHarness engine = new EngineHarness();
    private final ServerService servers = new ServerService(engine.cloud, engine.cloud, engine.cloud);
    private final FloatingIpAtLaunch atLaunch = new FloatingIpAtLaunch(engine.cloud, engine.cloud, engine.reach,
            engine.operations, engine.clock);
    private final Session demo = engine.demo;

    private Server launch(Session session, String floatingNetwork) {
        BootRequest plain = new BootRequest("web", "1", TestData.CIRROS_IMAGE_ID,
                List.of(TestData.PRIVATE_NETWORK_ID), false, null, null, Map.of());
        return servers.launch(session, atLaunch.ask(session, plain, floatingNetwork));
    }

    private Operation operation(Operation handedOver) {
        return engine.operations.find(handedOver.id()).orElseThrow();
    }

    private List<FloatingIp> addressesOf(Server server) {
        return engine.reach.allFloatingIps().stream()
                .filter(ip -> FloatingIpAtLaunch.descriptionFor(server.id()).equals(ip.description())).toList();
    }

    @Test
    void the_engine_allocates_and_associates_one_address_once_the_server_is_built() {
        engine.cloud.setBootStatus(ServerStatus.BUILD);
        Server server = launch(demo, null);
        Operation handedOver = atLaunch.handOver(demo, server).orElseThrow();
        assertThat(handedOver.kind()).isEqualTo(OperationKind.ASSOCIATE_FLOATING_IP);
        assertThat(handedOver.target().toString()).isEqualTo(server.id().value());
        assertThat(server.metadata()).containsEntry(FloatingIpAtLaunch.METADATA_KEY, TestData.PUBLIC_NETWORK_ID);

        engine.executor().runDue(10);
        assertThat(operation(handedOver).state()).isEqualTo(OperationState.QUEUED);
        assertThat(operation(handedOver).error()).contains("still BUILD");
        assertThat(engine.reach.allFloatingIps()).isEmpty();

        engine.cloud.setStatus(server.id(), ServerStatus.ACTIVE);
        engine.clock.advance(FloatingIpAssignment.POLL);
        engine.executor().runDue(10);

        assertThat(operation(handedOver).state()).isEqualTo(OperationState.SUCCEEDED);
        assertThat(addressesOf(server)).singleElement().satisfies(ip -> {
            assertThat(ip.serverId()).isEqualTo(server.id().value());
            assertThat(ip.projectId()).isEqualTo(demo.project().id());
            assertThat(ip.floatingNetworkId()).isEqualTo(TestData.PUBLIC_NETWORK_ID);
        });
        assertThat(atLaunch.latest(demo, server)).get().extracting(Operation::state)
                .isEqualTo(OperationState.SUCCEEDED);
    }

    @Test
    void a_replayed_launch_hands_over_nothing_new_and_a_server_without_the_ask_nothing_at_all() {
        Server server = launch(demo, null);
        Operation first = atLaunch.handOver(demo, server).orElseThrow();

        assertThat(atLaunch.handOver(demo, server)).get().extracting(Operation::id).isEqualTo(first.id());
        Server plain = servers.launch(demo, new BootRequest("plain", "1", TestData.CIRROS_IMAGE_ID,
                List.of(TestData.PRIVATE_NETWORK_ID), false, null, null, Map.of()));
        assertThat(atLaunch.handOver(demo, plain)).isEmpty();
        // Another project's token never hands over (nor shows) this project's server.
        assertThat(atLaunch.handOver(engine.altDemo, server)).isEmpty();
        assertThat(atLaunch.latest(engine.altDemo, server)).isEmpty();
    }

    @Test
    void only_an_external_network_is_accepted_before_anything_is_booted() {
        BootRequest plain = new BootRequest("web", "1", TestData.CIRROS_IMAGE_ID,
                List.of(TestData.PRIVATE_NETWORK_ID), false, null, null, Map.of());

        assertThatThrownBy(() -> atLaunch.ask(demo, plain, TestData.PRIVATE_NETWORK_ID))
                .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> assertThat(invalid.problems())
                        .singleElement().satisfies(problem -> assertThat(problem.field())
                                .isEqualTo("floating_ip.network")));
        assertThat(atLaunch.ask(demo, plain, TestData.PUBLIC_NETWORK_ID).metadata())
                .containsEntry(FloatingIpAtLaunch.METADATA_KEY, TestData.PUBLIC_NETWORK_ID);
        assertThat(engine.cloud.allServers()).isEmpty();
    }

    @Test
    void a_replica_that_dies_after_allocating_leaves_the_address_to_the_one_that_takes_over_never_a_second() {
        Server server = launch(demo, null);
        Operation handedOver = atLaunch.handOver(demo, server).orElseThrow();
        OperationExecutor dying = new OperationExecutor(engine.resources, engine.operations, engine.cloud,
                engine.sessions, engine.audit::add, EngineHarness.settings("replica-a"),
                new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5), 3, () -> 0.5), engine.clock,
                new FloatingIpAssignment(engine.cloud, new DiesOnAssociate(engine.reach)));

        assertThatThrownBy(() -> dying.runDue(10)).isInstanceOf(ProcessDied.class);
        assertThat(operation(handedOver).state()).isEqualTo(OperationState.RUNNING);
        assertThat(addressesOf(server)).singleElement().satisfies(ip -> assertThat(ip.associated()).isFalse());

        engine.clock.advance(Duration.ofSeconds(61)); // replica-a's claim ends
        engine.executor("replica-b", engine.cloud).runDue(10);

        assertThat(operation(handedOver).state()).isEqualTo(OperationState.SUCCEEDED);
        assertThat(operation(handedOver).claimedBy()).isEqualTo("replica-b");
        assertThat(engine.reach.allFloatingIps()).singleElement()
                .satisfies(ip -> assertThat(ip.serverId()).isEqualTo(server.id().value()));
    }

    @Test
    void an_exhausted_quota_fails_the_operation_with_the_reason_and_the_server_stays() {
        engine.reach.setFloatingIpQuota(demo.project().id(), 0);
        Server server = launch(demo, null);
        Operation handedOver = atLaunch.handOver(demo, server).orElseThrow();

        engine.executor().runDue(10);

        assertThat(operation(handedOver).state()).isEqualTo(OperationState.FAILED);
        assertThat(operation(handedOver).error()).contains("Quota exceeded");
        assertThat(atLaunch.latest(demo, server)).get().extracting(Operation::error).asString()
                .contains("Quota exceeded");
        assertThat(engine.cloud.findServer(demo, server.id())).isPresent();
        assertThat(engine.reach.allFloatingIps()).isEmpty();
    }

    @Test
    void a_server_in_error_fails_the_operation_and_one_never_built_gives_up_after_the_wait_limit() {
        Server broken = launch(demo, null);
        Operation brokenOp = atLaunch.handOver(demo, broken).orElseThrow();
        engine.cloud.setStatus(broken.id(), ServerStatus.ERROR);
        engine.cloud.setBootStatus(ServerStatus.BUILD);
        Server slow = launch(demo, null);
        Operation slowOp = atLaunch.handOver(demo, slow).orElseThrow();

        engine.executor().runDue(10);
        engine.clock.advance(FloatingIpAssignment.WAIT_LIMIT);
        engine.executor().runDue(10);

        assertThat(operation(brokenOp).state()).isEqualTo(OperationState.FAILED);
        assertThat(operation(brokenOp).error()).contains("ERROR");
        assertThat(operation(slowOp).state()).isEqualTo(OperationState.FAILED);
        assertThat(operation(slowOp).error()).contains("gave up").contains("still BUILD");
        assertThat(engine.reach.allFloatingIps()).isEmpty();
    }

    @Test
    void a_429_holds_back_the_operation_and_pauses_its_location_for_the_wait_the_cloud_named() {
        Server first = launch(demo, null);
        Operation throttled = atLaunch.handOver(demo, first).orElseThrow();
        Server second = launch(demo, null);
        Operation waiting = atLaunch.handOver(demo, second).orElseThrow();
        engine.cloud.failNext(() -> new UpstreamUnavailableException("compute",
                "the compute service answered 429: Rate limit exceeded", "req-429", null, true,
                Duration.ofSeconds(20)));

        assertThat(engine.executor().runDue(1)).isEqualTo(1);

        Instant until = engine.clock.instant().plusSeconds(20);
        assertThat(operation(throttled).state()).isEqualTo(OperationState.QUEUED);
        assertThat(operation(throttled).notBefore()).isEqualTo(until);
        assertThat(engine.operations.summary(null, engine.clock.instant(), engine.clock.instant()))
                .singleElement().satisfies(queue -> {
                    assertThat(queue.location()).isEqualTo(Location.DEFAULT);
                    assertThat(queue.pausedUntil()).isEqualTo(until);
                    assertThat(queue.pauseReason()).contains("429");
                });
        assertThat(engine.executor().runDue(10)).as("the other one waits for the location's pause").isZero();
        assertThat(operation(waiting).state()).isEqualTo(OperationState.QUEUED);

        engine.clock.advance(Duration.ofSeconds(20));
        assertThat(engine.executor().runDue(10)).isEqualTo(2);
        assertThat(operation(throttled).state()).isEqualTo(OperationState.SUCCEEDED);
        assertThat(operation(waiting).state()).isEqualTo(OperationState.SUCCEEDED);
        assertThat(addressesOf(first)).hasSize(1);
        assertThat(addressesOf(second)).hasSize(1);
    }

    @Test
    void a_delete_cancels_the_queued_operation_and_releases_only_the_address_given_at_launch() {
        Server server = launch(demo, null);
        Operation handedOver = atLaunch.handOver(demo, server).orElseThrow();
        engine.executor().runDue(10);
        FloatingIp own = engine.reach.allocate(demo, TestData.PUBLIC_NETWORK_ID);
        Server other = launch(demo, null);
        Operation otherOp = atLaunch.handOver(demo, other).orElseThrow();

        atLaunch.releaseFor(engine.altDemo, server.id());
        assertThat(addressesOf(server)).hasSize(1);
        atLaunch.releaseFor(demo, server.id());
        atLaunch.releaseFor(demo, other.id());

        assertThat(operation(handedOver).state()).isEqualTo(OperationState.SUCCEEDED);
        assertThat(operation(otherOp).state()).isEqualTo(OperationState.CANCELLED);
        assertThat(engine.reach.allFloatingIps()).extracting(FloatingIp::id).containsExactly(own.id());
    }

    @Test
    void a_server_deleted_before_its_address_was_associated_needs_none_and_its_marked_address_is_released() {
        Server server = launch(demo, null);
        Operation handedOver = atLaunch.handOver(demo, server).orElseThrow();
        engine.reach.allocate(demo, TestData.PUBLIC_NETWORK_ID, FloatingIpAtLaunch.descriptionFor(server.id()));
        engine.cloud.removeServer(server.id());

        engine.executor().runDue(10);

        assertThat(operation(handedOver).state()).isEqualTo(OperationState.SUCCEEDED);
        assertThat(engine.reach.allFloatingIps()).isEmpty();
    }

    @Test
    void a_preempted_server_leaves_no_address_given_at_launch() {
        Server server = servers.launch(demo, atLaunch.ask(demo, new BootRequest("spot", "1",
                TestData.CIRROS_IMAGE_ID, List.of(TestData.PRIVATE_NETWORK_ID), true, null, null, Map.of()), null));
        assertThat(atLaunch.handOver(demo, server)).isPresent();
        engine.executor().runDue(10);
        FloatingIp own = engine.reach.allocate(demo, TestData.PUBLIC_NETWORK_ID);
        assertThat(addressesOf(server)).singleElement().satisfies(ip -> assertThat(ip.associated()).isTrue());

        Operation preempt = engine.operations.enqueue(Operation.queue(demo.project().id(), OperationKind.PREEMPT,
                FloatingIpAtLaunch.target(server.id()), "make room", engine.clock.instant()));
        engine.executor().runDue(10);

        assertThat(operation(preempt).state()).isEqualTo(OperationState.SUCCEEDED);
        assertThat(engine.cloud.findServer(demo, server.id())).isEmpty();
        assertThat(engine.reach.allFloatingIps()).extracting(FloatingIp::id).containsExactly(own.id());
    }

    /** Stands for a process killed between the allocation and the association. */
    static final class ProcessDied extends RuntimeException {
    }

    /** The fake's floating IPs, but the association never returns: the process died first. */
    private record DiesOnAssociate(FloatingIpGateway reach) implements FloatingIpGateway {
        @Override
        public List<FloatingIp> listFloatingIps(Session session) {
            return reach.listFloatingIps(session);
        }

        @Override
        public Optional<FloatingIp> findFloatingIp(Session session, String id) {
            return reach.findFloatingIp(session, id);
        }

        @Override
        public FloatingIp allocate(Session session, String floatingNetworkId, String description) {
            return reach.allocate(session, floatingNetworkId, description);
        }

        @Override
        public FloatingIp associate(Session session, String id, String portId, String fixedIp) {
            throw new ProcessDied();
        }

        @Override
        public FloatingIp disassociate(Session session, String id) {
            return reach.disassociate(session, id);
        }

        @Override
        public void release(Session session, String id) {
            reach.release(session, id);
        }

        @Override
        public List<ServerPort> serverPorts(Session session, String serverId) {
            return reach.serverPorts(session, serverId);
        }
    }
}
