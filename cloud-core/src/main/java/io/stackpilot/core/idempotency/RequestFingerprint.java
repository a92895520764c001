package io.stackpilot.core.idempotency;

import io.stackpilot.core.compute.BootRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * A SHA-256 fingerprint of a request's meaning, so that an idempotency key reused with a different request is
 * recognised. Fields are length-prefixed so that no two requests share a fingerprint by concatenation; the user
 * data enters only as its own hash.
 */
public final class RequestFingerprint {
    private RequestFingerprint() {
    }

    public static String of(BootRequest request) {
        StringBuilder canonical = new StringBuilder("boot");
        field(canonical, request.name());
        field(canonical, request.flavorId());
        field(canonical, request.imageId());
        field(canonical, String.valueOf(request.networkIds().size()));
        request.networkIds().forEach(id -> field(canonical, id));
        field(canonical, String.valueOf(request.preemptible()));
        field(canonical, request.keyName());
        field(canonical, request.userData() == null ? null : sha256(request.userData()));
        new TreeMap<>(request.metadata()).forEach((k, v) -> {
            field(canonical, k);
            field(canonical, v);
        });
        if (!request.securityGroups().isEmpty()) {
            // Only when there are any: the fingerprints of keys stored before groups counted stay the same.
            field(canonical, "security_groups");
            request.securityGroups().forEach(group -> field(canonical, group));
        }
        return sha256(canonical.toString());
    }

    /**
     * A fingerprint of the key within its project, short enough for a Nova metadata value (128 bits of SHA-256);
     * the key itself stays out of the cloud.
     */
    public static String ofKey(String projectId, String key) {
        StringBuilder canonical = new StringBuilder("idempotency-key");
        field(canonical, projectId);
        field(canonical, key);
        return sha256(canonical.toString()).substring(0, 32);
    }

    private static void field(StringBuilder canonical, String value) {
        canonical.append('|').append(value == null ? -1 : value.length()).append(':').append(value);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
        }
    }
}
