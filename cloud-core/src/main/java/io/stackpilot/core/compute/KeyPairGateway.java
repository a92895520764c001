package io.stackpilot.core.compute;

import io.stackpilot.core.identity.Session;
import java.util.List;
import java.util.Optional;

/**
 * A cloud's key pairs (Nova implements it). Key pairs belong to the session's <em>user</em>; the gateway never asks
 * for another user's (Nova would let an admin-role token do so), and the answer of {@link #findKeyPair} names its
 * owner so that {@link KeyPairService} can check it. Thread-safe.
 */
public interface KeyPairGateway {

    /** The session user's key pairs, all pages followed. Idempotent. */
    List<KeyPair> listKeyPairs(Session session);

    /** The session user's key pair of that name with its owner's user id; empty when there is none. Idempotent. */
    Optional<KeyPair> findKeyPair(Session session, String name);

    /**
     * Has the cloud generate a key pair and returns it with its private key. Not idempotent, never retried.
     *
     * @throws io.stackpilot.core.error.ConflictException when the user has a key pair of that name
     */
    NewKeyPair createKeyPair(Session session, String name);

    /**
     * Stores the public key under the name.
     *
     * @throws io.stackpilot.core.error.ConflictException when the user has a key pair of that name
     * @throws io.stackpilot.core.error.InvalidRequestException when the cloud cannot read the public key
     */
    KeyPair importKeyPair(Session session, String name, String publicKey);

    /** Deletes the session user's key pair of that name. @throws io.stackpilot.core.error.NotFoundException when none */
    void deleteKeyPair(Session session, String name);
}
