package io.stackpilot.server.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flavor and Schedule objects on the Kubernetes lab's API server, reconciled by the daemon (STACKPILOT_KUBERNETES,
 * the lab's least-rights controller user) against the OpenStack lab: a Flavor creates its flavor once however often it
 * is applied, a second object of the same flavor adopts it, a third with another shape is reported and changes
 * nothing; a Schedule is the schedules API's schedule (seen through GET /api/v1/schedules/{name}), acts (its server
 * is built while the window is open) and is gone, server first, when the object is deleted. Flavors are named
 * {@code kube3-fl-*} (deleted at the end through Nova), the rest lives in a namespace {@code kube3-fs-*}.
 */
class KubernetesFlavorScheduleLabIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private static KubernetesClient admin;
    private static RealServer server;
    private static String namespace;
    private static Lab.Login demo;
    private static Lab.Login cloudAdmin;
    private static final List<String> flavorObjects = new ArrayList<>();

    @BeforeAll
    static void start() {
        admin = KubernetesLab.admin();
        KubernetesLab.install(admin);
        namespace = "kube3-fs-" + UUID.randomUUID().toString().substring(0, 8);
        KubernetesLab.createNamespace(admin, namespace);
        server = RealServer.start(KubernetesLab.daemonEnvironment(namespace), Duration.ofSeconds(60));
        demo = Lab.login("demo", "demo", "Default");
        cloudAdmin = Lab.login("admin", Lab.ADMIN_PASSWORD, "admin", "Default");
    }

    @AfterAll
    static void stop() {
        try {
            if (admin != null && namespace != null) {
                admin.genericKubernetesResources(KubernetesLab.SCHEDULES).inNamespace(namespace).delete();
                KubernetesLab.waitFor("every Schedule of " + namespace + " deleted", TIMEOUT, () ->
                        admin.genericKubernetesResources(KubernetesLab.SCHEDULES).inNamespace(namespace).list()
                                .getItems().isEmpty());
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (admin != null) {
                flavorObjects.forEach(name -> admin.genericKubernetesResources(KubernetesLab.FLAVORS).withName(name)
                        .delete());
                for (JsonNode flavor : flavors("kube3-fl-")) {
                    Lab.delete(cloudAdmin.endpoint("compute") + "/flavors/" + flavor.path("id").asText(),
                            cloudAdmin.token());
                }
                if (namespace != null) {
                    KubernetesLab.deleteNamespace(admin, namespace);
                }
                admin.close();
            }
        }
    }

    @Test
    void a_flavor_object_creates_its_flavor_once_adopts_an_equal_one_and_reports_another_shape() {
        String name = "kube3-fl-" + UUID.randomUUID().toString().substring(0, 8);
        Instant applied = Instant.now();
        applyFlavor(name, null, 1, 128, 1);
        GenericKubernetesResource ready = awaitFlavor(name, "True");
        System.out.println("[measure] KubernetesFlavorScheduleLabIT Flavor apply->Ready "
                + Duration.between(applied, Instant.now()).toMillis() + " ms");
        applyFlavor(name, null, 1, 128, 1);
        String adopter = name + "-again";
        applyFlavor(adopter, name, 1, 128, 1);
        GenericKubernetesResource adopted = awaitFlavor(adopter, "True");
        String other = name + "-other";
        applyFlavor(other, name, 2, 256, 1);
        GenericKubernetesResource conflict = awaitFlavor(other, "False");

        List<JsonNode> inNova = flavors(name);
        assertThat(inNova).as("one flavor named " + name).hasSize(1);
        assertThat(inNova.get(0).path("vcpus").asInt()).isEqualTo(1);
        assertThat(inNova.get(0).path("ram").asInt()).isEqualTo(128);
        assertThat(KubernetesLab.status(ready, "flavorID")).isEqualTo(inNova.get(0).path("id").asText());
        assertThat(KubernetesLab.status(ready, "origin")).isEqualTo("Created");
        assertThat(KubernetesLab.status(adopted, "flavorID")).isEqualTo(inNova.get(0).path("id").asText());
        assertThat(KubernetesLab.status(adopted, "origin")).isEqualTo("Adopted");
        assertThat(KubernetesLab.ready(conflict).get("reason")).isEqualTo("ShapeMismatch");
        assertThat((String) KubernetesLab.ready(conflict).get("message")).contains("left unchanged");

        admin.genericKubernetesResources(KubernetesLab.FLAVORS).withName(name).delete();
        KubernetesLab.waitFor(name + " object gone", TIMEOUT, () ->
                admin.genericKubernetesResources(KubernetesLab.FLAVORS).withName(name).get() == null);
        assertThat(flavors(name)).as("deletionPolicy Retain: the flavor stays").hasSize(1);
    }

    @Test
    void a_schedule_object_is_the_schedules_api_s_schedule_acts_and_goes_with_its_server() {
        String name = "kube3-sc-" + UUID.randomUUID().toString().substring(0, 6);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        admin.genericKubernetesResources(KubernetesLab.SCHEDULES).inNamespace(namespace).resource(
                KubernetesLab.object(KubernetesLab.SCHEDULES, namespace, name, Map.of(
                        "cloudRef", Map.of("secretName", KubernetesLab.SECRET), "flavor", "m1.tiny",
                        "image", "cirros-0.6-lab", "networks", List.of("private"), "count", 1,
                        "window", Map.of("from", now.minusSeconds(60).toString(),
                                "until", now.plus(Duration.ofMinutes(30)).toString())))).create();

        GenericKubernetesResource active = KubernetesLab.waitFor(name + " active", TIMEOUT, () -> {
            GenericKubernetesResource current = schedule(name);
            return Boolean.TRUE.equals(KubernetesLab.status(current, "active")) ? current : null;
        });
        assertThat(KubernetesLab.status(active, "wantedCount")).isEqualTo(1);
        assertThat(KubernetesLab.status(active, "nextChange")).isEqualTo(now.plus(Duration.ofMinutes(30)).toString());
        HttpResponse<String> viaApi = server.get("/api/v1/schedules/" + name, demo.token());
        assertThat(viaApi.statusCode()).as(viaApi.body()).isEqualTo(200);
        JsonNode body = Lab.json(viaApi.body());
        assertThat(body.path("id").asText()).isEqualTo(KubernetesLab.status(active, "scheduleID"));
        assertThat(body.path("count").asInt()).isEqualTo(1);
        String vm = KubernetesLab.waitFor("the schedule's VM ACTIVE", TIMEOUT, () -> {
            for (JsonNode found : Lab.get(demo.endpoint("compute") + "/servers/detail?name=" + name, demo.token())
                    .path("servers")) {
                if (found.path("status").asText().equals("ACTIVE")) {
                    return found.path("id").asText();
                }
            }
            return null;
        });
        KubernetesLab.waitFor(name + " status counting its server", TIMEOUT, () ->
                Integer.valueOf(1).equals(KubernetesLab.status(schedule(name), "servers")));

        admin.genericKubernetesResources(KubernetesLab.SCHEDULES).inNamespace(namespace).withName(name).delete();
        KubernetesLab.waitFor(name + " object gone", TIMEOUT, () -> schedule(name) == null);
        assertThat(server.get("/api/v1/schedules/" + name, demo.token()).statusCode()).isEqualTo(404);
        // The engine removed the schedule only after deleting its server; Nova may still be finishing that delete.
        KubernetesLab.waitFor("the schedule's VM gone", Duration.ofMinutes(2), () -> Lab.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(demo.endpoint("compute") + "/servers/" + vm))
                        .header("X-Auth-Token", demo.token()).GET()).statusCode() == 404);
    }

    private static void applyFlavor(String object, String flavorName, int vcpus, int ram, int disk) {
        Map<String, Object> spec = new HashMap<>(Map.of("vcpus", vcpus, "ramMiB", ram, "diskGiB", disk));
        if (flavorName != null) {
            spec.put("name", flavorName);
        }
        if (!flavorObjects.contains(object)) {
            flavorObjects.add(object);
        }
        admin.genericKubernetesResources(KubernetesLab.FLAVORS).resource(KubernetesLab.object(KubernetesLab.FLAVORS,
                null, object, spec)).forceConflicts().serverSideApply();
    }

    private static GenericKubernetesResource awaitFlavor(String object, String ready) {
        return KubernetesLab.waitFor(object + " Ready=" + ready, TIMEOUT, () -> {
            GenericKubernetesResource current = admin.genericKubernetesResources(KubernetesLab.FLAVORS)
                    .withName(object).get();
            return ready.equals(KubernetesLab.ready(current).get("status")) ? current : null;
        });
    }

    private static GenericKubernetesResource schedule(String name) {
        return admin.genericKubernetesResources(KubernetesLab.SCHEDULES).inNamespace(namespace).withName(name).get();
    }

    /** The cloud's flavors (public and private, as the admin sees them) whose name starts with {@code prefix}. */
    private static List<JsonNode> flavors(String prefix) {
        List<JsonNode> found = new ArrayList<>();
        Lab.get(cloudAdmin.endpoint("compute") + "/flavors/detail?is_public=None", cloudAdmin.token()).path("flavors")
                .forEach(flavor -> {
                    if (flavor.path("name").asText().startsWith(prefix)) {
                        found.add(flavor);
                    }
                });
        return found;
    }
}
