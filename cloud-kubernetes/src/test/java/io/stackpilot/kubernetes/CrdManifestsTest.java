package io.stackpilot.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.stackpilot.kubernetes.crd.FlavorResource;
import io.stackpilot.kubernetes.crd.FlavorSpec;
import io.stackpilot.kubernetes.crd.FlavorStatus;
import io.stackpilot.kubernetes.crd.ScheduleResource;
import io.stackpilot.kubernetes.crd.ScheduleSpec;
import io.stackpilot.kubernetes.crd.ScheduleStatus;
import io.stackpilot.kubernetes.crd.ServerResource;
import io.stackpilot.kubernetes.crd.ServerStatus;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every CRD file against the controller's classes and what Kubernetes 1.20 accepts: v1, the classes' group, version,
 * kind, plural and scope, a status subresource, printer columns, no CEL rules, the Kustomize list naming it, and a
 * schema that keeps every field the controller writes to the status (a structural schema prunes unknown fields, so
 * a status field missing there would be dropped silently) and reads from the spec.
 */
class CrdManifestsTest {
    private static final Path CRDS = Path.of("..", "deploy", "kubernetes", "crds");

    static Stream<Arguments> crds() {
        return Stream.of(
                Arguments.of("servers.stackpilot.io.yaml", ServerResource.class, null, ServerStatus.class),
                Arguments.of("schedules.stackpilot.io.yaml", ScheduleResource.class, ScheduleSpec.class,
                        ScheduleStatus.class),
                Arguments.of("flavors.stackpilot.io.yaml", FlavorResource.class, FlavorSpec.class,
                        FlavorStatus.class));
    }

    @ParameterizedTest
    @MethodSource("crds")
    void matches_the_controller_s_classes_and_kubernetes_1_20(String file, Class<? extends HasMetadata> type,
                                                              Class<? extends Record> spec,
                                                              Class<? extends Record> status) throws IOException {
        JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(CRDS.resolve(file).toFile());
        assertThat(crd.path("apiVersion").asText()).isEqualTo("apiextensions.k8s.io/v1");
        assertThat(crd.path("metadata").path("name").asText()).isEqualTo(HasMetadata.getPlural(type) + "." + HasMetadata.getGroup(type));
        assertThat(crd.path("spec").path("group").asText()).isEqualTo(ServerResource.GROUP);
        assertThat(crd.path("spec").path("names").path("kind").asText()).isEqualTo(HasMetadata.getKind(type));
        assertThat(crd.path("spec").path("scope").asText())
                .isEqualTo(Namespaced.class.isAssignableFrom(type) ? "Namespaced" : "Cluster");
        JsonNode version = crd.path("spec").path("versions").get(0);
        assertThat(version.path("name").asText()).isEqualTo(ServerResource.VERSION);
        assertThat(version.path("subresources").has("status")).isTrue();
        assertThat(version.path("additionalPrinterColumns").findValuesAsText("name")).contains("Phase", "Age");
        assertThat(crd.toString()).as("1.20 has no CEL rules").doesNotContain("x-kubernetes-validations");
        JsonNode properties = version.path("schema").path("openAPIV3Schema").path("properties");
        assertThat(fieldNames(properties.path("status").path("properties")))
                .as("status fields the controller writes").containsAll(components(status));
        if (spec != null) {
            assertThat(fieldNames(properties.path("spec").path("properties")))
                    .as("spec fields the controller reads").containsAll(components(spec));
        }
        assertThat(Files.readString(CRDS.resolve("kustomization.yaml"))).contains(file);
    }

    private static List<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
