package io.stackpilot.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for what {@code java.net.http} refuses to send (a malformed %-escape in the
 * query) or cannot do (go away in the middle of an answer).
 */
final class RawHttp {
    private RawHttp() {
    }

    /** The status line, headers and body of the answer to one request sent as written (Connection: close). */
    record Answer(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    static Answer send(int port, String method, String target, String token) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request(method, target, token).getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String head = answer.substring(0, end);
            return new Answer(Integer.parseInt(head.split(" ")[1]), head, answer.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the request, reads the first bytes of the answer and closes the connection (resetting it). */
    static void sendAndGoAway(int port, String target) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.setReceiveBufferSize(4096);
            socket.getOutputStream().write(request("GET", target, null).getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            in.readNBytes(1024);
            // An unread receive buffer makes close() send RST: the server's next writes fail at once.
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String request(String method, String target, String token) {
        return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + (token == null ? "" : "X-Auth-Token: " + token + "\r\n") + "Content-Length: 0\r\n\r\n";
    }
}
