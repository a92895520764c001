package io.stackpilot.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The lab's flavors read and changed directly in Nova as the lab admin: what the tests compare the daemon with. */
record LabFlavors(ManagedServerLabIT.Nova admin) {
    /** A flavor as Nova shows it. */
    record Shape(String id, String name, int vcpus, int ramMb, int diskGb) {
    }

    static LabFlavors asAdmin() {
        return new LabFlavors(ManagedServerLabIT.Nova.asAdminIn("admin"));
    }

    /** Every flavor of that name, public or not (Nova refuses a second one, so at most one unless it is broken). */
    List<Shape> named(String name) {
        HttpResponse<String> listed = ManagedServerLabIT.Nova.send(request("/flavors/detail?is_public=None").GET());
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        List<Shape> found = new ArrayList<>();
        for (JsonNode flavor : ManagedServerLabIT.json(listed.body()).path("flavors")) {
            if (flavor.path("name").asText().equals(name)) {
                found.add(new Shape(flavor.path("id").asText(), name, flavor.path("vcpus").asInt(),
                        flavor.path("ram").asInt(), flavor.path("disk").asInt()));
            }
        }
        return found;
    }

    /** Creates a flavor and returns its id. */
    String create(String name, int vcpus, int ramMb, int diskGb) {
        HttpResponse<String> created = ManagedServerLabIT.Nova.send(request("/flavors")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"flavor\":{\"name\":\"" + name + "\",\"vcpus\":" + vcpus + ",\"ram\":" + ramMb
                                + ",\"disk\":" + diskGb + "}}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return ManagedServerLabIT.json(created.body()).path("flavor").path("id").asText();
    }

    /** Deletes a flavor by id; one already gone is fine. */
    void delete(String id) {
        int status = ManagedServerLabIT.Nova.send(request("/flavors/" + id).DELETE()).statusCode();
        assertThat(status).as("delete flavor " + id).isIn(202, 404);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(admin.url() + path)).header("X-Auth-Token", admin.token())
                .timeout(Duration.ofSeconds(60));
    }
}
