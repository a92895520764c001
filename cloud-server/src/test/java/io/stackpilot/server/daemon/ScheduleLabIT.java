package io.stackpilot.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 against the lab with the jar as production wires it, three replicas on one PostgreSQL:
 * STACKPILOT_INIT_FLAVORS on three replicas starting together creates each flavor once and reports a shape mismatch
 * without touching the flavor; a one-off window opens -> its servers ACTIVE in Nova with their markers; a replica
 * SIGKILLed during the window and another started -> nothing lost or doubled; the whole service stopped across the
 * window's end (moved to seconds ahead, so that the test waits for events and not for a fixed window) and started
 * again -> the servers are removed; one run entry for the window; a window that closes
 * while the service runs -> its servers are removed, a second run. VMs carry stackpilot:schedule=<schedule id> in
 * Nova. Flavors and VMs are named sched-<random>...; all are deleted at the end.
 */
@Tag("lab-parallel") // two VMs and its own flavors: runs beside the others so tagged (cloud-server/pom.xml)
class ScheduleLabIT {
    private static final Duration WAIT = Duration.ofMinutes(4);

    @TempDir
    Path temp;

    private final String prefix = "sched-" + UUID.randomUUID().toString().substring(0, 6);
    private String baseUrl;
    private String token;

    @Test
    void flavors_at_start_and_a_one_off_window_served_once_across_a_kill_and_an_outage() throws Exception {
        ManagedServerLabIT.Nova admin = ManagedServerLabIT.Nova.asAdminIn("admin");
        String mismatched = createFlavor(admin, prefix + "-large", 1, 256, 1);
        List<String> flavorIds = new ArrayList<>(List.of(mismatched));
        ManagedServerLabIT.Nova demo = ManagedServerLabIT.Nova.asAdminIn("demo");
        try (LabReplicas lab = LabReplicas.start(temp, Map.of("STACKPILOT_ALLOWED_PROJECTS", "demo",
                "STACKPILOT_INIT_FLAVORS", prefix + "-standard=1:512:1," + prefix + "-large=1:1024:1"),
                "sched-a", "sched-b", "sched-c")) {
            try {
                List<DaemonProcess> replicas = lab.replicas();
                flavorIds.addAll(checkFlavors(admin, replicas, mismatched));
                baseUrl = replicas.get(1).baseUrl();
                token = login();
                serveAWindow(lab, demo);
            } finally {
                lab.stop();
                demo.serversNamed(prefix).forEach(demo::delete);
            }
        } finally {
            flavorIds.forEach(id -> ManagedServerLabIT.Nova.send(flavorRequest(admin, "/flavors/" + id).DELETE()));
        }
    }

    private List<String> checkFlavors(ManagedServerLabIT.Nova admin, List<DaemonProcess> replicas, String mismatched) {
        String standard = prefix + "-standard";
        long created = replicas.stream().filter(r -> r.log().contains("flavor " + standard + " created")).count();
        long present = replicas.stream().filter(r -> r.log().contains("flavor " + standard + " exists with the wanted"))
                .count();
        assertThat(created).as("replicas that created %s", standard).isEqualTo(1);
        assertThat(present).isEqualTo(2);
        assertThat(replicas).allSatisfy(replica -> assertThat(replica.log()).contains("flavor " + prefix
                + "-large exists (id " + mismatched + ") with 1 vCPU, 256 MiB RAM", "left unchanged"));
        JsonNode flavors = ManagedServerLabIT.json(ManagedServerLabIT.Nova.send(flavorRequest(admin,
                "/flavors/detail?is_public=None").GET()).body()).path("flavors");
        List<String> ours = new ArrayList<>();
        for (JsonNode flavor : flavors) {
            String name = flavor.path("name").asText();
            if (name.equals(standard)) {
                assertThat(flavor.path("vcpus").asInt()).isEqualTo(1);
                assertThat(flavor.path("ram").asInt()).isEqualTo(512);
                ours.add(flavor.path("id").asText());
            } else if (name.equals(prefix + "-large")) {
                assertThat(flavor.path("ram").asInt()).as("the mismatched flavor is unchanged").isEqualTo(256);
            }
        }
        assertThat(ours).hasSize(1);
        return ours;
    }

    private void serveAWindow(LabReplicas lab, ManagedServerLabIT.Nova demo) throws Exception {
        List<DaemonProcess> replicas = lab.replicas();
        // The window is long enough for any pace of the lab; its end is moved close once the kill is proven, so the
        // test waits for the events it needs and not for a fixed stretch of wall time.
        Instant from = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        Instant until = from.plus(Duration.ofHours(1));
        HttpResponse<String> created = send("POST", "/api/v1/schedules", "{\"name\":\"" + prefix + "\","
                + "\"flavor\":\"m1.tiny\",\"image\":\"cirros-0.6-lab\",\"networks\":[\"private\"],\"count\":2,"
                + "\"window\":{\"from\":\"" + from + "\",\"until\":\"" + until + "\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String scheduleId = ManagedServerLabIT.json(created.body()).path("id").asText();

        // Opens -> two ACTIVE VMs carrying the markers of the schedule's servers and of the schedule, read from Nova.
        await("two servers Ready", () -> readyServers() == 2);
        assertThat(Instant.now()).isBefore(until);
        List<String> vms = demo.serversNamed(prefix + "-");
        assertThat(vms).hasSize(2);
        for (String vm : vms) {
            assertThat(demo.metadata(vm)).containsKey("stackpilot:managed")
                    .containsEntry("stackpilot:schedule", scheduleId);
        }

        // A replica SIGKILLed in the window, another started: nothing lost or doubled.
        replicas.get(0).kill();
        replicas.set(0, lab.launch("sched-d"));
        DaemonProcess.sleep(Duration.ofSeconds(10));
        assertThat(demo.serversNamed(prefix + "-")).containsExactlyInAnyOrderElementsOf(vms);
        assertThat(readyServers()).isEqualTo(2);

        // The whole service stopped across the end; on start, the servers are removed. The end is moved to a few
        // seconds from now (the same window: its start and its run stay), then every replica is killed before it.
        Instant end = Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
        assertThat(patchWindow(from, end).statusCode()).isEqualTo(200);
        replicas.forEach(DaemonProcess::kill);
        replicas.forEach(replica -> assertThat(replica.awaitExit(Duration.ofSeconds(10))).isNotEqualTo(-1));
        assertThat(Instant.now()).as("the whole service is down before the window's end").isBefore(end);
        while (Instant.now().isBefore(end.plusSeconds(5))) {
            DaemonProcess.sleep(Duration.ofSeconds(2));
        }
        assertThat(demo.serversNamed(prefix + "-")).hasSize(2);
        replicas.set(1, lab.launch("sched-e"));
        baseUrl = replicas.get(1).baseUrl();
        await("servers removed", () -> demo.serversNamed(prefix + "-").isEmpty());
        await("run ended", () -> !runs().get(0).path("ended_at").isNull());
        JsonNode run = runs().get(0);
        assertThat(runs()).hasSize(1);
        assertThat(run.path("window_start").asText()).isEqualTo(from.toString());
        assertThat(run.path("servers_wanted").asInt()).isEqualTo(2);
        assertThat(run.path("servers_made").asInt()).isEqualTo(2);
        assertThat(run.path("servers_removed").asInt()).isEqualTo(2);
        assertThat(DaemonShutdownIT.count(lab.database(), "SELECT count(*) FROM schedule_run WHERE schedule_id = '"
                + scheduleId + "'")).isEqualTo(1);

        // A window that closes while the service runs (two replicas again): the running engine removes its servers,
        // and it is the schedule's second run.
        replicas.set(2, lab.launch("sched-f"));
        Instant reopened = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertThat(patchWindow(reopened, reopened.plus(Duration.ofHours(1))).statusCode()).isEqualTo(200);
        await("two servers Ready in the second window", () -> readyServers() == 2);
        assertThat(demo.serversNamed(prefix + "-")).hasSize(2);
        assertThat(patchWindow(reopened, Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.SECONDS))
                .statusCode()).isEqualTo(200);
        await("servers removed at the second window's end", () -> demo.serversNamed(prefix + "-").isEmpty());
        await("second run ended", () -> runs().size() == 2 && !runs().get(0).path("ended_at").isNull());
        assertThat(runs().get(0).path("window_start").asText()).isEqualTo(reopened.toString());
        assertThat(runs().get(0).path("servers_removed").asInt()).isEqualTo(2);
        assertThat(send("DELETE", "/api/v1/schedules/" + prefix, null).statusCode()).isEqualTo(202);
        await("schedule gone", () -> send("GET", "/api/v1/schedules/" + prefix, null).statusCode() == 404);
    }

    private HttpResponse<String> patchWindow(Instant from, Instant until) {
        return send("PATCH", "/api/v1/schedules/" + prefix, "{\"window\":{\"from\":\"" + from + "\",\"until\":\""
                + until + "\"}}");
    }

    private int readyServers() {
        int ready = 0;
        for (JsonNode server : ManagedServerLabIT.json(send("GET", "/api/v1/schedules/" + prefix, null).body())
                .path("servers")) {
            if (server.path("phase").asText().equals("Ready") && "ACTIVE".equals(server.path("server_status")
                    .asText())) {
                ready++;
            }
        }
        return ready;
    }

    private JsonNode runs() {
        return ManagedServerLabIT.json(send("GET", "/api/v1/schedules/" + prefix + "/runs", null).body()).path("runs");
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            DaemonProcess.sleep(Duration.ofSeconds(1));
        }
        throw new AssertionError("not within " + WAIT + ": " + what);
    }

    private static String createFlavor(ManagedServerLabIT.Nova admin, String name, int vcpus, int ram, int disk) {
        HttpResponse<String> created = ManagedServerLabIT.Nova.send(flavorRequest(admin, "/flavors")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"flavor\":{\"name\":\"" + name + "\",\"vcpus\":" + vcpus + ",\"ram\":" + ram
                                + ",\"disk\":" + disk + "}}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return ManagedServerLabIT.json(created.body()).path("flavor").path("id").asText();
    }

    private static HttpRequest.Builder flavorRequest(ManagedServerLabIT.Nova admin, String path) {
        return HttpRequest.newBuilder(URI.create(admin.url() + path)).header("X-Auth-Token", admin.token())
                .timeout(Duration.ofSeconds(60));
    }

    private String login() {
        HttpResponse<String> login = send("POST", "/api/v1/auth/tokens",
                "{\"username\":\"demo\",\"password\":\"demo\",\"project\":\"demo\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
        return ManagedServerLabIT.json(login.body()).path("token").asText();
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return ManagedServerLabIT.Nova.send(request);
    }
}
