package io.stackpilot.openstack.keystone;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.OperationExecutor;
import io.stackpilot.core.managed.ReconcileSettings;
import io.stackpilot.core.managed.SpecFingerprint;
import io.stackpilot.core.operation.Backoff;
import io.stackpilot.core.reach.FloatingIpAssignment;
import io.stackpilot.core.operation.Operation;
import io.stackpilot.core.operation.OperationKind;
import io.stackpilot.core.testing.InMemoryManagedServerRepository;
import io.stackpilot.core.testing.InMemoryOperationRepository;
import io.stackpilot.core.testing.contract.ManagedServerRepositoryContract;
import io.stackpilot.openstack.StubCloud;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's create operation run through the Nova gateway: the exact metadata the VM is booted with, for a
 * resource a schedule declared (marker, spec fingerprint and the schedule) and for one its owner declared.
 */
class EngineBootMetadataTest {
    private static final String DEMO = "4661643948c848969bbdb5760dd254ac";
    private final StubCloud stub = new StubCloud();
    private final InMemoryManagedServerRepository resources = new InMemoryManagedServerRepository();
    private final InMemoryOperationRepository operations = new InMemoryOperationRepository();
    private final OperationExecutor executor = new OperationExecutor(resources, operations, stub.compute(),
            stub.cloud.projectSessions(), action -> { }, new ReconcileSettings("replica-a", Duration.ofSeconds(30),
                    Duration.ofSeconds(60), 10), Backoff.DEFAULT, stub.clock,
            new FloatingIpAssignment(stub.compute(), stub.cloud.floatingIps()));

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void a_vm_a_schedule_declared_is_booted_with_the_schedule_marker_next_to_the_managed_marker() throws Exception {
        UUID schedule = UUID.randomUUID();
        ManagedServer resource = declare("peak-1", schedule);

        JsonNode metadata = bootMetadata(resource);

        assertThat(metadata).isEqualTo(new ObjectMapper().valueToTree(Map.of(
                ManagedServer.MARKER_METADATA_KEY, resource.marker(),
                SpecFingerprint.METADATA_KEY, SpecFingerprint.of(resource.spec()),
                ManagedServer.SCHEDULE_METADATA_KEY, schedule.toString())));
    }

    @Test
    void a_vm_its_owner_declared_carries_no_schedule_marker() throws Exception {
        ManagedServer resource = declare("web", null);

        JsonNode metadata = bootMetadata(resource);

        assertThat(metadata.has(ManagedServer.SCHEDULE_METADATA_KEY)).isFalse();
        assertThat(metadata.path(ManagedServer.MARKER_METADATA_KEY).asText()).isEqualTo(resource.marker());
    }

    private ManagedServer declare(String name, UUID schedule) {
        ManagedServer template = ManagedServerRepositoryContract.declared(DEMO, name, stub.clock.instant());
        return resources.insert(new ManagedServer(template.id(), DEMO, name, true, true, template.spec(), 1,
                template.status(), template.createdAt(), template.updatedAt(), null, schedule));
    }

    /** Runs one create operation for the resource and returns the metadata of the one boot request it sent. */
    private JsonNode bootMetadata(ManagedServer resource) throws Exception {
        stub.stub(post(urlPathEqualTo("/v3/auth/tokens")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.auth.scope.project.id", equalTo(DEMO)))
                .willReturn(stub.json(201, "keystone/auth-tokens-password.json")
                        .withHeader("X-Subject-Token", "project-token-demo")));
        stub.stub(get(urlPathEqualTo("/v2.1/servers/detail")).willReturn(okJson("{\"servers\": []}")));
        stub.stub(post(urlPathEqualTo("/v2.1/servers")).willReturn(stub.json(202, "nova/servers-post.json")));
        stub.stub(get(urlPathEqualTo("/v2.1/servers/0ff19dfc-339a-4326-9a56-6ef3c4ad5e23"))
                .willReturn(stub.json(200, "nova/server-get.json")));
        operations.enqueue(Operation.queue(DEMO, OperationKind.CREATE, resource.id(), "declared",
                stub.clock.instant()));

        assertThat(executor.runDue(10)).isEqualTo(1);

        LoggedRequest boot = stub.only("POST", "/v2.1/servers");
        assertThat(boot.getHeader("X-Auth-Token")).isEqualTo("project-token-demo");
        JsonNode server = new ObjectMapper().readTree(boot.getBodyAsString()).path("server");
        assertThat(server.path("name").asText()).isEqualTo(resource.name());
        return server.path("metadata");
    }
}
