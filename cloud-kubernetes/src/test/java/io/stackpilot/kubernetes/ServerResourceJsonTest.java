package io.stackpilot.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.stackpilot.kubernetes.crd.ServerResource;
import io.stackpilot.kubernetes.crd.ServerStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerResourceJsonTest {
    private final KubernetesSerialization json = new KubernetesSerialization();

    @Test
    void reads_a_server_as_kubectl_writes_it_and_writes_the_status_back_without_nulls() {
        ServerResource server = json.unmarshal("""
                {"apiVersion": "stackpilot.io/v1alpha1", "kind": "Server",
                 "metadata": {"name": "web-1", "namespace": "team-a", "generation": 2},
                 "spec": {"cloudRef": {"secretName": "demo-cloud", "cloud": "openstack"}, "flavor": "m1.tiny",
                          "image": "cirros", "networks": ["private"], "reconcile": false,
                          "managementPolicy": "unmanaged", "import": {"filter": {"name": "legacy"}},
                          "futureField": 1}}""", ServerResource.class);

        assertThat(server.getSpec().cloudRef().secretName()).isEqualTo("demo-cloud");
        assertThat(server.getSpec().networks()).containsExactly("private");
        assertThat(server.getSpec().reconcile()).isFalse();
        assertThat(server.getSpec().managed()).isFalse();
        assertThat(server.getSpec().importFrom().filter().name()).isEqualTo("legacy");

        server.setStatus(new ServerStatus("Ready", "vm-1", "ACTIVE", List.of(new ServerStatus.AddressStatus(
                "private", "10.0.0.5", 4, "fixed")), "10.0.0.5", null, List.of(), 2L, "id", null));
        String written = json.asJson(server);
        assertThat(written).contains("\"import\":{\"filter\":{\"name\":\"legacy\"}}", "\"serverID\":\"vm-1\"")
                .doesNotContain("\"location\":null", "importFrom", "\"managed\"");
    }
}
