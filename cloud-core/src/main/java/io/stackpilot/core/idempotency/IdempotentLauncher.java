package io.stackpilot.core.idempotency;

import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerService;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.identity.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Launches a server at most once per idempotency key and project within {@link #KEY_LIFETIME}, on any replica
 * (the claim lives in the shared {@link IdempotencyRepository}).
 * <ul>
 * <li>First use: the key is claimed, the server booted, and the rendered answer stored.</li>
 * <li>Same key, same request, answer stored: the stored answer is returned and nothing is created.</li>
 * <li>Same key, different request: {@link ConflictException}.</li>
 * <li>Same key while the first request is still running: waits up to {@code waitForInProgress} for its answer,
 * then {@link ConflictException} asking to retry.</li>
 * <li>The first request fails: the claim is released and the error returned, so a retry runs again. A failure
 * that leaves it unknown whether the cloud created the server (a timeout) is released too: the server, if any,
 * shows in the list, and the key does not block the caller for a day.</li>
 * </ul>
 * Invalid requests are refused before the key is claimed. Thread-safe.
 */
public final class IdempotentLauncher {
    public static final Duration KEY_LIFETIME = Duration.ofHours(24);
    public static final int MAX_KEY_LENGTH = 255;
    private static final Duration POLL = Duration.ofMillis(50);

    /** The launch's answer as the API sent it, the new server's id, and whether it is a replay. */
    public record Outcome(String body, String serverId, boolean replayed) {
    }

    private final ServerService servers;
    private final IdempotencyRepository keys;
    private final Clock clock;
    private final Duration waitForInProgress;

    public IdempotentLauncher(ServerService servers, IdempotencyRepository keys, Clock clock,
                              Duration waitForInProgress) {
        this.servers = servers;
        this.keys = keys;
        this.clock = clock;
        this.waitForInProgress = waitForInProgress;
    }

    /** Launches (or replays) under the key; {@code render} turns the new server into the stored answer. */
    public Outcome launch(Session session, String key, BootRequest request, Function<Server, String> render) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw InvalidRequestException.of("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String projectId = session.project().id();
        String hash = RequestFingerprint.of(request);
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = clock.instant();
            if (keys.tryClaim(key, projectId, hash, now, now.plus(KEY_LIFETIME))) {
                return runClaimed(session, key, projectId, request, render);
            }
            Optional<IdempotencyRecord> existing = awaitCompletion(key, projectId, hash);
            if (existing.isEmpty()) {
                continue; // released or expired meanwhile: claim again
            }
            IdempotencyRecord record = existing.get();
            if (!record.requestHash().equals(hash)) {
                throw new ConflictException("Idempotency-Key " + key + " was already used with a different request");
            }
            if (!record.completed()) {
                throw new ConflictException("a request with Idempotency-Key " + key
                        + " is still in progress; retry in a few seconds");
            }
            return new Outcome(record.body(), record.resourceId(), true);
        }
        throw new ConflictException("Idempotency-Key " + key + " is contended; retry in a few seconds");
    }

    private Outcome runClaimed(Session session, String key, String projectId, BootRequest request,
                               Function<Server, String> render) {
        Server server;
        try {
            server = servers.launch(session, request);
        } catch (RuntimeException failure) {
            keys.release(key, projectId);
            throw failure;
        }
        String body = render.apply(server);
        keys.complete(key, projectId, 202, body, server.id().value());
        return new Outcome(body, server.id().value(), false);
    }

    private Optional<IdempotencyRecord> awaitCompletion(String key, String projectId, String hash) {
        long deadline = System.nanoTime() + waitForInProgress.toNanos();
        while (true) {
            Optional<IdempotencyRecord> record = keys.find(key, projectId, clock.instant());
            if (record.isEmpty() || record.get().completed() || !record.get().requestHash().equals(hash)
                    || System.nanoTime() >= deadline) {
                return record;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return record;
            }
        }
    }
}
