package io.stackpilot.cli.output;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvWriterTest {

    @Test
    void writes_a_header_and_crlf_records_quoting_only_fields_that_need_it() {
        String csv = CsvWriter.write(List.of("ID", "Name", "Tags"), List.of(
                Arrays.asList("1", "a,b", List.of("x", "y")),
                Arrays.asList(2, "say \"hi\"", null),
                Arrays.asList("3", "two\nlines", " padded")));

        assertThat(csv).isEqualTo("ID,Name,Tags\r\n1,\"a,b\",\"x, y\"\r\n2,\"say \"\"hi\"\"\",\r\n"
                + "3,\"two\nlines\",\" padded\"\r\n");
    }
}
