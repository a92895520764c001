package io.stackpilot.core.idempotency;

import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerService;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.error.StackpilotException;
import io.stackpilot.core.error.UpstreamException;
import io.stackpilot.core.identity.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Launches a server at most once per idempotency key and project within {@link #KEY_LIFETIME}, on any replica
 * (the claim lives in the shared {@link IdempotencyRepository}); the outcome stored is the new server's id.
 * <ul>
 * <li>First use: the key is claimed for {@code claimLifetime} (see {@link #claimLifetimeFor}), the server booted with the key's fingerprint in its
 * metadata ({@link Server#IDEMPOTENCY_METADATA_KEY}), and its id stored.</li>
 * <li>Same key, same request, id stored: the server as it is now is returned as a replay; nothing is created.</li>
 * <li>Same key, different request: {@link ConflictException}.</li>
 * <li>Same key while the claim runs: waits up to {@code waitForInProgress} for the outcome, then
 * {@link ConflictException} asking to retry.</li>
 * <li>The cloud refused the request (invalid, quota, forbidden): nothing was created, the claim is released and a
 * retry runs again.</li>
 * <li>Any other failure (a timeout or 5xx on the boot, a failed read after it, a dead replica) leaves it unknown
 * whether the server exists: the claim is kept until it expires. The next caller then takes it over and looks
 * the server up by its metadata before booting, so a retry never makes a second server.</li>
 * </ul>
 * Invalid requests are refused before the key is claimed. Thread-safe.
 */
public final class IdempotentLauncher {
    public static final Duration KEY_LIFETIME = Duration.ofHours(24);
    /** The claim for the default OpenStack read timeout of 30 s. */
    public static final Duration CLAIM_LIFETIME = claimLifetimeFor(Duration.ofSeconds(30));
    public static final int MAX_KEY_LENGTH = 255;
    private static final Duration POLL = Duration.ofMillis(50);

    /** The launched (or earlier launched) server, and whether it comes from an earlier request with the key. */
    public record Outcome(Server server, boolean replayed) {
    }

    /** How a server is launched once the key is claimed (plain, or making room by preemption). */
    @FunctionalInterface
    public interface Launch {
        Server launch(Session session, BootRequest request);
    }

    private final ServerService servers;
    private final Launch launch;
    private final IdempotencyRepository keys;
    private final Clock clock;
    private final Duration waitForInProgress;
    private final Duration claimLifetime;

    public IdempotentLauncher(ServerService servers, IdempotencyRepository keys, Clock clock,
                              Duration waitForInProgress) {
        this(servers, keys, clock, waitForInProgress, CLAIM_LIFETIME);
    }

    public IdempotentLauncher(ServerService servers, IdempotencyRepository keys, Clock clock,
                              Duration waitForInProgress, Duration claimLifetime) {
        this(servers, servers::launch, keys, clock, waitForInProgress, claimLifetime);
    }

    /** Launches through {@code launch} (e.g. {@code PreemptionService::launch}); {@code servers} finds and reads. */
    public IdempotentLauncher(ServerService servers, Launch launch, IdempotencyRepository keys, Clock clock,
                              Duration waitForInProgress, Duration claimLifetime) {
        this.servers = servers;
        this.launch = launch;
        this.keys = keys;
        this.clock = clock;
        this.waitForInProgress = waitForInProgress;
        this.claimLifetime = claimLifetime;
    }

    /**
     * How long a claim lasts when each cloud call may take up to {@code readTimeout}: the checks before the boot
     * may take three tries of one read timeout, and the claim then leaves the boot's POST at least three more, by
     * which time a POST whose answer was lost has long been registered by the cloud (so the lookup of a caller
     * taking over finds its server).
     */
    public static Duration claimLifetimeFor(Duration readTimeout) {
        return readTimeout.multipliedBy(6);
    }

    /**
     * Launches (or replays) under the key.
     *
     * @throws ConflictException for a key used with another request, one still in progress, or one whose server
     *                           was deleted meanwhile
     */
    public Outcome launch(Session session, String key, BootRequest request) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw InvalidRequestException.of("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String projectId = session.project().id();
        String hash = RequestFingerprint.of(request);
        String marker = RequestFingerprint.ofKey(projectId, key);
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = clock.instant();
            switch (keys.tryClaim(key, projectId, hash, now, now.plus(claimLifetime), now.plus(KEY_LIFETIME))) {
                case NEW -> {
                    return boot(session, key, request, marker);
                }
                case TAKEN_OVER -> {
                    Optional<Server> earlier = servers.findByMetadata(session, Server.IDEMPOTENCY_METADATA_KEY,
                            marker);
                    if (earlier.isEmpty()) {
                        return boot(session, key, request, marker);
                    }
                    keys.complete(key, projectId, earlier.get().id().value());
                    return new Outcome(earlier.get(), true);
                }
                case HELD -> {
                    Optional<IdempotencyRecord> existing = awaitCompletion(key, projectId, hash);
                    if (existing.isPresent()) {
                        return replay(session, key, hash, existing.get());
                    }
                    // released or expired meanwhile: claim again
                }
            }
        }
        throw new ConflictException("Idempotency-Key " + key + " is contended; retry in a few seconds");
    }

    private Outcome boot(Session session, String key, BootRequest request, String marker) {
        String projectId = session.project().id();
        Server server;
        try {
            server = launch.launch(session, tagged(request, marker));
        } catch (RuntimeException failure) {
            if (failure instanceof StackpilotException && !(failure instanceof UpstreamException)) {
                keys.release(key, projectId); // the cloud refused: nothing was created
            }
            throw failure;
        }
        keys.complete(key, projectId, server.id().value());
        return new Outcome(server, false);
    }

    private Outcome replay(Session session, String key, String hash, IdempotencyRecord record) {
        if (!record.requestHash().equals(hash)) {
            throw new ConflictException("Idempotency-Key " + key + " was already used with a different request");
        }
        if (!record.completed()) {
            throw new ConflictException("a request with Idempotency-Key " + key
                    + " is still in progress; retry in a few seconds");
        }
        try {
            return new Outcome(servers.get(session, new ServerId(record.serverId())), true);
        } catch (NotFoundException deleted) {
            throw new ConflictException("the server launched with Idempotency-Key " + key + " (" + record.serverId()
                    + ") no longer exists; use a new key to launch again");
        }
    }

    private static BootRequest tagged(BootRequest request, String marker) {
        // Every field is kept: a copy made field by field once dropped the security groups of keyed launches.
        return request.withMetadata(Server.IDEMPOTENCY_METADATA_KEY, marker);
    }

    private Optional<IdempotencyRecord> awaitCompletion(String key, String projectId, String hash) {
        long deadline = System.nanoTime() + waitForInProgress.toNanos();
        while (true) {
            Instant now = clock.instant();
            Optional<IdempotencyRecord> record = keys.find(key, projectId, now);
            if (record.isEmpty() || record.get().completed() || !record.get().requestHash().equals(hash)) {
                return record;
            }
            if (!record.get().claimExpiresAt().isAfter(now)) {
                return Optional.empty(); // the claim ran out while we waited: take it over
            }
            if (System.nanoTime() >= deadline) {
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
