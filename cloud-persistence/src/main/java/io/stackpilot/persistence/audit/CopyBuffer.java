package io.stackpilot.persistence.audit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A growing byte array for a binary {@code COPY} stream, big-endian as PostgreSQL's binary format is. Replaces a
 * {@code DataOutputStream} over a {@code ByteArrayOutputStream}, which took a lock on every write, grew from a
 * guess too small for an audit row and copied the whole stream once more at the end; the audit writer spent more
 * time there than in sending the rows. Not thread-safe: one per batch.
 */
final class CopyBuffer {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] bytes;
    private int length;

    CopyBuffer(int capacity) {
        bytes = new byte[Math.max(capacity, 64)];
    }

    /** The array the stream is in, from index 0 to {@link #length()}; not a copy. */
    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    void putBytes(byte[] values) {
        ensure(values.length);
        System.arraycopy(values, 0, bytes, length, values.length);
        length += values.length;
    }

    void putShort(int value) {
        ensure(2);
        SHORT.set(bytes, length, (short) value);
        length += 2;
    }

    void putInt(int value) {
        ensure(4);
        INT.set(bytes, length, value);
        length += 4;
    }

    void putLong(long value) {
        ensure(8);
        LONG.set(bytes, length, value);
        length += 8;
    }

    /** A text field: -1 for null, else its length in UTF-8 and the bytes (ASCII, the usual case, without a copy). */
    void putText(String value) {
        if (value == null) {
            putInt(-1);
            return;
        }
        int chars = value.length();
        ensure(4 + chars);
        int start = length + 4;
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                putInt(utf8.length);
                putBytes(utf8);
                return;
            }
            bytes[start + i] = (byte) c;
        }
        putInt(chars);
        length += chars;
    }

    private void ensure(int more) {
        if (bytes.length - length < more) {
            byte[] larger = new byte[Math.max(bytes.length * 2, length + more)];
            System.arraycopy(bytes, 0, larger, 0, length);
            bytes = larger;
        }
    }
}
