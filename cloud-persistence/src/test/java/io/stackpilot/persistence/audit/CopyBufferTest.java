package io.stackpilot.persistence.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CopyBufferTest {

    @Test
    void writes_what_a_data_output_stream_writes_and_grows_past_its_first_size() throws IOException {
        CopyBuffer buffer = new CopyBuffer(1);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        String[] texts = {"plain ascii", "", "ünïcödé ✓ after ascii", "x".repeat(300), "tab\tand\nnewline"};
        for (int round = 0; round < 20; round++) {
            buffer.putShort(-1);
            out.writeShort(-1);
            buffer.putInt(0x12345678 + round);
            out.writeInt(0x12345678 + round);
            buffer.putLong(-5_000_000_000L * round);
            out.writeLong(-5_000_000_000L * round);
            for (String text : texts) {
                buffer.putText(text);
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
            buffer.putText(null);
            out.writeInt(-1);
            buffer.putBytes(new byte[] {1, 2, 3});
            out.write(new byte[] {1, 2, 3});
        }

        assertThat(buffer.length()).isEqualTo(expected.size());
        assertThat(Arrays.copyOf(buffer.array(), buffer.length())).isEqualTo(expected.toByteArray());
    }
}
