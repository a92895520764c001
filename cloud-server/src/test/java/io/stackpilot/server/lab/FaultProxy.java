package io.stackpilot.server.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of one upstream port (an HTTP stub, the lab's Nova, a PostgreSQL), whose
 * {@link Mode} says what a client sees: bytes passed unchanged, the answer delayed or dripped a byte at a time,
 * the connection reset, accepted and never answered (half-open), or garbage instead of the protocol. The mode
 * applies at once to the connections already open (a pooled HTTP or JDBC connection sees the fault on its next
 * exchange, as it would in production) and to every connection accepted later. Written here rather than taken from a
 * library (Toxiproxy needs its own server process, a Docker image or a Go binary, none of which the build machines
 * have): one class, no dependency. Thread-safe; close it to stop listening and drop every connection.
 */
final class FaultProxy implements AutoCloseable {
    /** Bytes a {@link Mode#GARBAGE} connection answers: neither an HTTP status line nor a PostgreSQL message. */
    static final byte[] GARBAGE = "\u0000\u00ff\u00feSSH-2.0-garbage \r\n\r\n{not: an answer]"
            .getBytes(StandardCharsets.ISO_8859_1);

    /** What the proxy does with a connection. */
    enum Mode {
        /** Bytes flow both ways unchanged. */
        PASS,
        /** The upstream's answer waits {@link #delay} before its first byte goes on. */
        DELAY,
        /** The upstream's answer goes on one byte every {@link #delay}: no read timeout ever fires. */
        DRIP,
        /** Accepted, then reset (RST) at once. */
        RESET,
        /** Accepted and read, never answered, never closed: a peer that vanished without FIN or RST. */
        HALF_OPEN,
        /** Accepted, the client's first bytes read, then {@link #GARBAGE} and a close. */
        GARBAGE
    }

    private final int upstreamPort;
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private volatile Mode mode = Mode.PASS;
    private volatile Duration delay = Duration.ZERO;

    FaultProxy(int upstreamPort) {
        this.upstreamPort = upstreamPort;
        try {
            listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far (to show a test that its calls went through the proxy). */
    long accepted() {
        return accepted.get();
    }

    /** From now on, every connection gets {@code newMode}; {@link Mode#RESET} resets the open ones at once. */
    void mode(Mode newMode) {
        mode(newMode, Duration.ZERO);
    }

    /** As {@link #mode(Mode)}, with the pause of {@link Mode#DELAY} or {@link Mode#DRIP}. */
    void mode(Mode newMode, Duration pause) {
        delay = pause;
        mode = newMode;
        if (newMode == Mode.RESET) {
            open.forEach(this::reset);
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                accepted.incrementAndGet();
                open.add(client);
                Mode now = mode;
                threads.execute(() -> serve(client, now));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client, Mode now) {
        try {
            switch (now) {
                case RESET -> reset(client);
                case HALF_OPEN -> client.getInputStream().transferTo(OutputStream.nullOutputStream());
                case GARBAGE -> {
                    client.getInputStream().read(new byte[4096]);
                    client.getOutputStream().write(GARBAGE);
                    client.getOutputStream().flush();
                    forget(client);
                }
                case PASS, DELAY, DRIP -> pipe(client);
            }
        } catch (IOException gone) {
            forget(client);
        }
    }

    private void pipe(Socket client) throws IOException {
        Socket upstream = new Socket();
        open.add(upstream);
        try {
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 5_000);
        } catch (IOException refused) {
            reset(client);
            forget(upstream);
            return;
        }
        threads.execute(() -> copy(client, upstream, false));
        copy(upstream, client, true);
    }

    /**
     * Copies until either side ends, then closes both (so the other direction ends too), doing to each chunk what
     * the mode at that moment says; delays and garbage apply to answers only.
     */
    private void copy(Socket from, Socket to, boolean answers) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                Mode now = mode;
                if (now == Mode.RESET) {
                    reset(from);
                    reset(to);
                    return;
                }
                if (now == Mode.HALF_OPEN) {
                    continue;
                }
                if (answers && now == Mode.GARBAGE) {
                    out.write(GARBAGE);
                    out.flush();
                    return;
                }
                if (answers && now == Mode.DELAY) {
                    Thread.sleep(delay);
                }
                for (int offset = 0; offset < read; offset++) {
                    if (answers && mode == Mode.DRIP) {
                        Thread.sleep(delay);
                        out.write(buffer[offset]);
                        out.flush();
                    } else {
                        out.write(buffer, offset, read - offset);
                        break;
                    }
                }
                out.flush();
            }
        } catch (IOException | InterruptedException ended) {
            // One side went away or the proxy closed: both sockets close below.
        } finally {
            forget(from);
            forget(to);
        }
    }

    private void forget(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a socket that is already broken.
        }
    }

    /** Closes with SO_LINGER 0, which sends RST: the peer sees "connection reset", not an orderly end. */
    private void reset(Socket socket) {
        open.remove(socket);
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        open.forEach(this::reset);
        threads.shutdownNow();
    }
}
