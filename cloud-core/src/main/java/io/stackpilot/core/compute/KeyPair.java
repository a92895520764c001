package io.stackpilot.core.compute;

import io.stackpilot.core.common.Require;

/**
 * An SSH public key that servers can be booted with ({@code key_name}). Nova keeps key pairs per user, not per
 * project: {@code userId} is their owner, null when the cloud's answer does not say (its lists do not).
 */
public record KeyPair(String name, String type, String fingerprint, String publicKey, String userId) {
    public KeyPair {
        Require.notBlank(name, "key pair name");
        Require.notNull(fingerprint, "fingerprint");
        Require.notNull(publicKey, "public key");
        type = type == null ? "ssh" : type;
    }
}
