package io.stackpilot.core.compute;

import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What to launch. {@code keyName} and {@code userData} may be null; {@code userData} is the plain text (the adapter
 * encodes it) and is a secret in the sense that it is never logged or audited. {@code preemptible} is recorded on
 * the server as the metadata {@link Server#PREEMPTIBLE_METADATA_KEY}{@code =true}. Validated once, when it is made
 * (every problem at once): an invalid boot request cannot exist, so the use cases that take one need not check it
 * again.
 */
public record BootRequest(String name, String flavorId, String imageId, List<String> networkIds, boolean preemptible,
                          String keyName, String userData, Map<String, String> metadata) {
    /** Nova limits the base64-encoded user data to 65535 bytes. */
    public static final int MAX_USER_DATA_BASE64_BYTES = 65_535;
    /** Nova's limit on server names. */
    public static final int MAX_NAME_LENGTH = 255;

    public BootRequest {
        networkIds = networkIds == null ? List.of() : List.copyOf(networkIds);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        validate(name, flavorId, imageId, networkIds, keyName, userData);
    }

    /** @throws InvalidRequestException listing every invalid field (snake_case names, as the API spells them) */
    private static void validate(String name, String flavorId, String imageId, List<String> networkIds,
                                 String keyName, String userData) {
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
                + (userData == null ? "null" : "***") + ", metadata=" + metadata + "]";
    }
}
