package io.stackpilot.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * One generated request, sent as written over a plain socket (so that malformed escapes, raw non-ASCII bytes and
 * invalid UTF-8 reach the server as they are), with the secrets it carries: values that must never come back in a
 * log line, an audit row or a problem document.
 */
public record FuzzRequest(String operation, String method, String target, List<Header> headers, byte[] body,
                   Set<String> secrets) {

    /** A header; characters up to U+00FF go out as one byte each (as ISO-8859-1), others as their UTF-8 bytes. */
    public record Header(String name, String value) {
    }

    public FuzzRequest {
        headers = List.copyOf(headers);
        secrets = Set.copyOf(secrets);
    }

    /** The status of an answer lost because the server closed the connection before the request was sent whole. */
    public static final int CUT_OFF = -2;

    /** The answer: status (-1 when the connection closed without one), head and body as UTF-8. */
    public record Answer(int status, String head, String body) {
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /** The request exactly as {@link #send} writes it. */
    public byte[] bytes() {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        writeRaw(request, method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (Header header : headers) {
            writeRaw(request, header.name() + ": " + header.value() + "\r\n");
        }
        writeRaw(request, body == null ? "\r\n" : "Content-Length: " + body.length + "\r\n\r\n");
        if (body != null) {
            request.writeBytes(body);
        }
        return request.toByteArray();
    }

    /**
     * The raw request as printable text, up to {@code max} bytes: printable ASCII as it is, every other byte as
     * {@code \xNN} (CR LF as {@code \r\n} followed by a line break), so that a failure shows exactly what was sent.
     */
    public String raw(int max) {
        byte[] bytes = bytes();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, max); i++) {
            int b = bytes[i] & 0xff;
            if (b == '\n') {
                text.append("\\n\n");
            } else if (b == '\r') {
                text.append("\\r");
            } else if (b >= 0x20 && b < 0x7f && b != '\\') {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02x", b));
            }
        }
        return bytes.length <= max ? text.toString() : text + "...(" + bytes.length + " bytes in all)";
    }

    public Answer send(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            try {
                socket.getOutputStream().write(bytes());
            } catch (IOException closed) {
                // The server answered early (headers over its limit, say) and closed while the body was still going
                // out: its answer may still be readable, or lost with the reset.
                Answer early = read(socket.getInputStream());
                return early.status() > 0 ? early : new Answer(CUT_OFF, "(closed while sending: " + closed + ")", "");
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(this + ": " + e, e);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException reset) {
            // The server may reset after answering a request whose body it did not read (413, for one).
            bytes = new byte[0];
        }
        String answer = new String(bytes, StandardCharsets.UTF_8);
        int end = answer.indexOf("\r\n\r\n");
        if (end < 0) {
            return new Answer(-1, answer, "");
        }
        String head = answer.substring(0, end);
        return new Answer(Integer.parseInt(head.split(" ")[1]), head, answer.substring(end + 4));
    }

    private static void writeRaw(ByteArrayOutputStream out, String text) {
        text.codePoints().forEach(c -> {
            if (c < 256) {
                out.write(c);
            } else {
                out.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(operation).append(" as ").append(method).append(' ')
                .append(cut(target, 300));
        headers.forEach(h -> text.append("\n  ").append(h.name()).append(": ").append(cut(h.value(), 200)));
        if (body != null) {
            text.append("\n  body (").append(body.length).append(" bytes): ")
                    .append(cut(new String(body, StandardCharsets.UTF_8), 300));
        }
        return text.toString();
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max) + "...(" + value.length() + " chars)";
    }
}
