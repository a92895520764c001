package io.stackpilot.core.compute;

import io.stackpilot.core.common.Require;

/**
 * A key pair the cloud generated, with its private key: handed to the caller once, never stored, logged or audited
 * (masked in {@link #toString()}).
 */
public record NewKeyPair(KeyPair keyPair, String privateKey) {
    public NewKeyPair {
        Require.notNull(keyPair, "key pair");
        Require.notBlank(privateKey, "private key");
    }

    @Override
    public String toString() {
        return "NewKeyPair[keyPair=" + keyPair + ", privateKey=***]";
    }
}
