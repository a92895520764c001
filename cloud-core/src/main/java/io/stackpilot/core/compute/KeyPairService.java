package io.stackpilot.core.compute;

import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The caller's key pairs: list, show, create (the private key is in the answer only), import, delete. Nova keeps
 * key pairs per user, so the caller's key pairs are those of the token's user, the same in every project the user
 * works in; another user's key pair (also one the token's admin role would let Nova show) is reported as missing:
 * each one shown or deleted is checked to be the user's own. Thread-safe.
 */
public final class KeyPairService {
    /** The start of every public key format Nova accepts (OpenSSH, and X.509 for Windows images). */
    private static final Pattern PUBLIC_KEY = Pattern.compile(
            "(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp(256|384|521)|sk-[a-z0-9@.-]+) [A-Za-z0-9+/=]+( .*)?\\s*"
                    + "|-----BEGIN CERTIFICATE-----[\\s\\S]*", Pattern.DOTALL);
    /** Nova's column for public keys holds 16 KiB. */
    public static final int MAX_PUBLIC_KEY_LENGTH = 16_384;

    private final KeyPairGateway keyPairs;

    public KeyPairService(KeyPairGateway keyPairs) {
        this.keyPairs = keyPairs;
    }

    public List<KeyPair> list(Session session) {
        return keyPairs.listKeyPairs(session);
    }

    /** @throws NotFoundException when the caller's user has no key pair of that name */
    public KeyPair get(Session session, String name) {
        KeyPairName.problem("name", name).ifPresent(problem -> {
            throw new NotFoundException("key pair", name);
        });
        return keyPairs.findKeyPair(session, name).filter(keyPair -> owned(session, keyPair))
                .orElseThrow(() -> new NotFoundException("key pair", name));
    }

    /** @throws InvalidRequestException for a name Nova would refuse */
    public NewKeyPair create(Session session, String name) {
        KeyPairName.problem("name", name).ifPresent(problem -> {
            throw new InvalidRequestException(List.of(problem));
        });
        return keyPairs.createKeyPair(session, name);
    }

    /** @throws InvalidRequestException listing a bad name and a public key in no format Nova reads */
    public KeyPair importPublicKey(Session session, String name, String publicKey) {
        List<FieldProblem> problems = new ArrayList<>();
        KeyPairName.problem("name", name).ifPresent(problems::add);
        if (publicKey == null || publicKey.isBlank()) {
            problems.add(new FieldProblem("public_key", "is required"));
        } else if (publicKey.length() > MAX_PUBLIC_KEY_LENGTH || !PUBLIC_KEY.matcher(publicKey.strip()).matches()) {
            problems.add(new FieldProblem("public_key",
                    "must be one OpenSSH public key line (ssh-ed25519 AAAA... comment) or an X.509 certificate"));
        } else if (publicKey.contains("PRIVATE KEY")) {
            problems.add(new FieldProblem("public_key", "is a private key; send the public key only"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return keyPairs.importKeyPair(session, name, publicKey.strip());
    }

    /** @throws NotFoundException when the caller's user has no key pair of that name */
    public void delete(Session session, String name) {
        keyPairs.deleteKeyPair(session, get(session, name).name());
    }

    private static boolean owned(Session session, KeyPair keyPair) {
        return session.principal().user().id().equals(keyPair.userId());
    }
}
