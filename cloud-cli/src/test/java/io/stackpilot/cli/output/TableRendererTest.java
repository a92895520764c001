package io.stackpilot.cli.output;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TableRendererTest {

    @Test
    void pads_every_cell_to_the_widest_in_its_column() {
        String table = TableRenderer.render(List.of("ID", "Name"), List.of(List.of("1", "m1.tiny"),
                List.of("22", "x")));

        assertThat(table).isEqualTo("""
                +----+---------+
                | ID | Name    |
                +----+---------+
                | 1  | m1.tiny |
                | 22 | x       |
                +----+---------+
                """);
    }

    @Test
    void an_empty_listing_is_only_the_header() {
        assertThat(TableRenderer.render(List.of("ID"), List.of())).isEqualTo("+----+\n| ID |\n+----+\n");
    }

    @Test
    void a_cell_with_line_breaks_spans_several_lines() {
        String table = TableRenderer.render(List.of("A", "B"), List.of(List.of("one\ntwo", "x")));

        assertThat(table).isEqualTo("""
                +-----+---+
                | A   | B |
                +-----+---+
                | one | x |
                | two |   |
                +-----+---+
                """);
    }
}
