package io.stackpilot.cli.output;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class YamlWriterTest {

    @Test
    void quotes_strings_that_yaml_would_read_as_another_type_or_that_hold_special_characters() {
        assertThat(YamlWriter.scalar("web-1")).isEqualTo("web-1");
        assertThat(YamlWriter.scalar("true")).isEqualTo("'true'");
        assertThat(YamlWriter.scalar("null")).isEqualTo("'null'");
        assertThat(YamlWriter.scalar("42")).isEqualTo("'42'");
        assertThat(YamlWriter.scalar("")).isEqualTo("''");
        assertThat(YamlWriter.scalar("a: b")).isEqualTo("'a: b'");
        assertThat(YamlWriter.scalar("it's")).isEqualTo("'it''s'");
        assertThat(YamlWriter.scalar("2026-11-22T06:00:00Z")).isEqualTo("'2026-11-22T06:00:00Z'");
        assertThat(YamlWriter.scalar(42)).isEqualTo("42");
        assertThat(YamlWriter.scalar(false)).isEqualTo("false");
        assertThat(YamlWriter.scalar(null)).isEqualTo("null");
    }

    @Test
    void strings_that_a_yaml_1_2_reader_takes_for_numbers_nulls_or_booleans_are_quoted() {
        assertThat(YamlWriter.scalar(".5")).isEqualTo("'.5'");
        assertThat(YamlWriter.scalar("+2")).isEqualTo("'+2'");
        assertThat(YamlWriter.scalar(".inf")).isEqualTo("'.inf'");
        assertThat(YamlWriter.scalar("0x1F")).isEqualTo("'0x1F'");
        assertThat(YamlWriter.scalar("~")).isEqualTo("'~'");
        assertThat(YamlWriter.scalar("NULL")).isEqualTo("'NULL'");
        assertThat(YamlWriter.scalar("No")).isEqualTo("'No'");
        assertThat(YamlWriter.scalar("/var/lib")).isEqualTo("/var/lib");
    }

    @Test
    void characters_yaml_does_not_print_are_escaped_in_double_quotes() {
        assertThat(YamlWriter.scalar("a\u0085b")).isEqualTo("\"a\\x85b\"");
        assertThat(YamlWriter.scalar("a\u2028b")).isEqualTo("\"a\\u2028b\"");
        assertThat(YamlWriter.scalar("名前")).isEqualTo("'名前'");
    }

    @Test
    void floating_point_numbers_that_are_not_finite_use_yamls_words() {
        assertThat(YamlWriter.scalar(Double.NaN)).isEqualTo(".nan");
        assertThat(YamlWriter.scalar(Double.NEGATIVE_INFINITY)).isEqualTo("-.inf");
        assertThat(YamlWriter.scalar(1.5)).isEqualTo("1.5");
    }

    @Test
    void strings_with_line_breaks_are_double_quoted_with_escapes() {
        assertThat(YamlWriter.scalar("a\n\"b\"\t\\")).isEqualTo("\"a\\n\\\"b\\\"\\t\\\\\"");
    }

    @Test
    void writes_nested_maps_and_lists_in_block_style() {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("name", "web-1");
        server.put("addresses", Map.of("private", List.of("10.0.0.12")));
        server.put("tags", List.of());
        server.put("image", null);

        assertThat(YamlWriter.write(List.of(server))).isEqualTo("""
                - name: web-1
                  addresses:
                    private:
                    - '10.0.0.12'
                  tags: []
                  image: null
                """);
    }

    @Test
    void an_empty_list_is_written_as_flow_brackets() {
        assertThat(YamlWriter.write(List.of())).isEqualTo("[]\n");
    }
}
