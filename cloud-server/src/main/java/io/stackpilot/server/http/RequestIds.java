package io.stackpilot.server.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * New request ids ({@code req-} and a random version-4 UUID). Drawn from {@link ThreadLocalRandom}, not
 * {@link UUID#randomUUID()}: that one takes the process's {@code SecureRandom} (a lock, and a read of
 * {@code /dev/urandom}) on every request's thread. A request id names a request in logs and audit rows; it is not
 * a secret, so it need not be unguessable. Thread-safe.
 */
public final class RequestIds {
    private RequestIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0xCL << 60) | (0x8L << 60);
        return "req-" + new UUID(high, low);
    }
}
