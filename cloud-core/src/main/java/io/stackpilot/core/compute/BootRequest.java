package io.stackpilot.core.compute;

import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What to launch. {@code keyName} and {@code userData} may be null; {@code userData} is the plain text (the adapter
 * encodes it) and is a secret in the sense that it is never logged or audited. {@code preemptible} is recorded on
 * the server as the metadata {@link Server#PREEMPTIBLE_METADATA_KEY}{@code =true}. {@code securityGroups} are names
 * or ids of the project's security groups (none: the cloud's {@code default}). Validated once, when it is made
 * (every problem at once): an invalid boot request cannot exist, so the use cases that take one need not check it
 * again.
 */
public record BootRequest(String name, String flavorId, String imageId, List<String> networkIds, boolean preemptible,
                          String keyName, String userData, Map<String, String> metadata,
                          List<String> securityGroups) {
    /** Nova limits the base64-encoded user data to 65535 bytes. */
    public static final int MAX_USER_DATA_BASE64_BYTES = 65_535;
    /** Nova's limit on server names. */
    public static final int MAX_NAME_LENGTH = 255;

    public BootRequest {
        networkIds = networkIds == null ? List.of() : List.copyOf(networkIds);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
        validate(name, flavorId, imageId, networkIds, keyName, userData, securityGroups);
    }

    /** A request with the project's default security group. */
    public BootRequest(String name, String flavorId, String imageId, List<String> networkIds, boolean preemptible,
                       String keyName, String userData, Map<String, String> metadata) {
        this(name, flavorId, imageId, networkIds, preemptible, keyName, userData, metadata, List.of());
    }

    /** The same request with one more metadata entry (replacing one of that key); every other field kept. */
    public BootRequest withMetadata(String key, String value) {
        Map<String, String> more = new HashMap<>(metadata);
        more.put(key, value);
        return new BootRequest(name, flavorId, imageId, networkIds, preemptible, keyName, userData, more,
                securityGroups);
    }

    /** @throws InvalidRequestException listing every invalid field (snake_case names, as the API spells them) */
    private static void validate(String name, String flavorId, String imageId, List<String> networkIds,
                                 String keyName, String userData, List<String> securityGroups) {
        List<FieldProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new FieldProblem("name", "is required"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            problems.add(new FieldProblem("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        if (flavorId == null || flavorId.isBlank()) {
            problems.add(new FieldProblem("flavor_id", "is required"));
        }
        if (imageId == null || imageId.isBlank()) {
            problems.add(new FieldProblem("image_id", "is required"));
        }
        if (networkIds.isEmpty()) {
            problems.add(new FieldProblem("network_ids", "needs at least one network"));
        } else if (networkIds.stream().anyMatch(id -> id == null || id.isBlank())) {
            problems.add(new FieldProblem("network_ids", "must not contain blank ids"));
        }
        if (keyName != null && keyName.isBlank()) {
            problems.add(new FieldProblem("key_name", "must not be blank when given"));
        }
        if (securityGroups.stream().anyMatch(group -> group == null || group.isBlank())) {
            problems.add(new FieldProblem("security_groups", "must not contain blank names"));
        }
        if (userData != null && base64Length(userData) > MAX_USER_DATA_BASE64_BYTES) {
            problems.add(new FieldProblem("user_data", "is larger than Nova accepts (64 KiB base64-encoded)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private static int base64Length(String text) {
        return Base64.getEncoder().encode(text.getBytes(StandardCharsets.UTF_8)).length;
    }

    @Override
    public String toString() {
        return "BootRequest[name=" + name + ", flavorId=" + flavorId + ", imageId=" + imageId + ", networkIds="
                + networkIds + ", preemptible=" + preemptible + ", keyName=" + keyName + ", userData="
                + (userData == null ? "null" : "***") + ", metadata=" + metadata + ", securityGroups=" + securityGroups + "]";
    }
}
