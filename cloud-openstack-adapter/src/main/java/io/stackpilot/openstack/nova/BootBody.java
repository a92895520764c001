package io.stackpilot.openstack.nova;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ResourceRef;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.identity.Session;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /servers}; user data goes base64-encoded, preemptible as metadata and a server tag. */
final class BootBody {
    private BootBody() {
    }

    static Map<String, Object> of(BootRequest request) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("name", request.name());
        server.put("flavorRef", request.flavorId());
        server.put("imageRef", request.imageId());
        server.put("networks", request.networkIds().stream().map(id -> Map.of("uuid", id)).toList());
        if (!request.securityGroups().isEmpty()) {
            server.put("security_groups", request.securityGroups().stream().map(name -> Map.of("name", name)).toList());
        }
        if (request.keyName() != null) {
            server.put("key_name", request.keyName());
        }
        if (request.userData() != null) {
            server.put("user_data", Base64.getEncoder().encodeToString(
                    request.userData().getBytes(StandardCharsets.UTF_8)));
        }
        Map<String, String> metadata = metadata(request);
        if (!metadata.isEmpty()) {
            server.put("metadata", metadata);
        }
        if (request.preemptible()) {
            server.put("tags", List.of(Server.PREEMPTIBLE_TAG)); // needs microversion 2.52: see headers(request)
        }
        return Map.of("server", server);
    }

    /**
     * The POST's microversion: the pinned one, or 2.52 for a preemptible server, the first that takes {@code tags}
     * at boot (Nova refuses a tag on a server in BUILD, so it cannot be added afterwards). The POST's answer holds
     * only the new id, so its version does not change what is read.
     */
    static Map<String, String> headers(BootRequest request) {
        return request.preemptible() ? Map.of("OpenStack-API-Version", "compute " + TAGS_AT_BOOT,
                "X-OpenStack-Nova-API-Version", TAGS_AT_BOOT) : Microversion.HEADERS;
    }

    static final String TAGS_AT_BOOT = "2.52";

    static Map<String, String> metadata(BootRequest request) {
        Map<String, String> metadata = new LinkedHashMap<>(request.metadata());
        if (request.preemptible()) {
            metadata.put(Server.PREEMPTIBLE_METADATA_KEY, "true");
        }
        return metadata;
    }

    /** The server as Nova accepted it, when it cannot be read back. */
    static Server accepted(String id, BootRequest request, Session session, Location location) {
        return new Server(new ServerId(id), request.name(), ServerStatus.BUILD, List.of(),
                new ResourceRef(request.flavorId(), null), new ResourceRef(request.imageId(), null),
                session.project().id(), null, request.preemptible(), metadata(request), location);
    }
}
