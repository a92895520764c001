package io.stackpilot.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.stackpilot.kubernetes.crd.ServerResource;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CRD file against what the controller's classes say and what Kubernetes 1.20 accepts. */
class ServerCrdManifestTest {
    private static final Path CRD = Path.of("..", "deploy", "kubernetes", "crds", "servers.stackpilot.io.yaml");

    @Test
    void is_a_v1_crd_of_the_controller_s_group_and_version_with_status_and_printer_columns() throws IOException {
        JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(CRD.toFile());
        assertThat(crd.path("apiVersion").asText()).isEqualTo("apiextensions.k8s.io/v1");
        assertThat(crd.path("spec").path("group").asText()).isEqualTo(ServerResource.GROUP);
        JsonNode version = crd.path("spec").path("versions").get(0);
        assertThat(version.path("name").asText()).isEqualTo(ServerResource.VERSION);
        assertThat(version.path("subresources").has("status")).isTrue();
        assertThat(version.path("additionalPrinterColumns").findValuesAsText("name"))
                .contains("Phase", "Addresses", "Location", "Age");
        JsonNode spec = version.path("schema").path("openAPIV3Schema").path("properties").path("spec");
        assertThat(spec.path("required").toString()).contains("cloudRef");
        assertThat(spec.path("properties").path("managementPolicy").path("enum").toString())
                .isEqualTo("[\"managed\",\"unmanaged\"]");
        assertThat(crd.toString()).as("1.20 has no CEL rules").doesNotContain("x-kubernetes-validations");
    }
}
