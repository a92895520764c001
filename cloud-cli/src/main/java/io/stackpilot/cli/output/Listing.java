package io.stackpilot.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Rows under named columns, what a {@code list} command prints. CellText are strings, numbers, booleans, null, lists
 * or maps (rendered compactly in tables, structurally in JSON and YAML).
 */
public record Listing(List<String> columns, List<List<Object>> rows) {

    public Listing {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " cells, expected " + columns.size());
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    public static Listing of(String... columns) {
        return new Listing(Arrays.asList(columns), List.of());
    }

    /** A listing with this row added (cells may be null). */
    public Listing withRow(Object... cells) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.add(Arrays.asList(cells));
        return new Listing(columns, copy);
    }

    /** Only the named columns, in the order given; an unknown name is a usage error listing the known ones. */
    public Listing select(List<String> names) {
        if (names == null || names.isEmpty()) {
            return this;
        }
        int[] indexes = ColumnSelection.indexes(columns, names);
        List<List<Object>> selected = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> cells = new ArrayList<>();
            for (int index : indexes) {
                cells.add(row.get(index));
            }
            selected.add(cells);
        }
        return new Listing(names, selected);
    }
}
