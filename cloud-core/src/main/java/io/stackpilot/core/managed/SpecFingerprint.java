package io.stackpilot.core.managed;

import io.stackpilot.core.compute.Server;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a VM was built from, carried in its Nova metadata ({@value #METADATA_KEY}): the first 16 hex digits of a
 * SHA-256 over flavor, image and network ids. The VM itself then says whether it matches the spec, without a
 * second copy of old specs in the database; it survives a lost database like the marker does.
 */
public final class SpecFingerprint {
    public static final String METADATA_KEY = "stackpilot:spec";

    private SpecFingerprint() {
    }

    public static String of(ManagedServerSpec spec) {
        String text = spec.flavorId() + "\n" + spec.imageId() + "\n" + String.join(",", spec.networkIds());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * True when the VM was built from this spec. A VM without a fingerprint (adopted after an import) is compared
     * by flavor and image only, the parts Nova shows.
     */
    public static boolean matches(Server server, ManagedServerSpec spec) {
        String carried = server.metadata().get(METADATA_KEY);
        if (carried != null) {
            return carried.equals(of(spec));
        }
        return server.flavor().id().equals(spec.flavorId())
                && Objects.equals(server.image() == null ? null : server.image().id(), spec.imageId());
    }
}
