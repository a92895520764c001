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

    @Test
    void wide_characters_take_two_columns_so_the_borders_line_up() {
        String table = TableRenderer.render(List.of("Name", "X"), List.of(List.of("名前", "1"), List.of("ab", "2")));

        assertThat(table).isEqualTo("""
                +------+---+
                | Name | X |
                +------+---+
                | 名前 | 1 |
                | ab   | 2 |
                +------+---+
                """);
    }

    @Test
    void a_maximum_width_shrinks_the_widest_column_and_wraps_its_cells_at_blanks() {
        String table = TableRenderer.render(List.of("ID", "Description"),
                List.of(List.of("1", "a rather long description")), 22);
        // 22 columns leave 15 for the cells: ID keeps its 2, Description gets 13.

        assertThat(table).isEqualTo("""
                +----+---------------+
                | ID | Description   |
                +----+---------------+
                | 1  | a rather long |
                |    | description   |
                +----+---------------+
                """);
        assertThat(table.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(22));
    }

    @Test
    void a_word_longer_than_its_column_is_cut_by_display_width() {
        String table = TableRenderer.render(List.of("Name"), List.of(List.of("名前名前名前")), 10);

        assertThat(table).isEqualTo("""
                +--------+
                | Name   |
                +--------+
                | 名前名 |
                | 前名前 |
                +--------+
                """);
    }
}
