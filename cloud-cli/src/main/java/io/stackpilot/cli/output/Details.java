package io.stackpilot.cli.output;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Named fields of one object, what a {@code show} command prints (a Field/Value table by default). */
public record Details(List<String> fields, List<Object> values) {

    public Details {
        if (fields.size() != values.size()) {
            throw new IllegalArgumentException(fields.size() + " fields but " + values.size() + " values");
        }
        fields = List.copyOf(fields);
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    public static Details empty() {
        return new Details(List.of(), List.of());
    }

    public Details with(String field, Object value) {
        List<String> names = new ArrayList<>(fields);
        List<Object> cells = new ArrayList<>(values);
        names.add(field);
        cells.add(value);
        return new Details(names, cells);
    }

    public Details select(List<String> names) {
        if (names == null || names.isEmpty()) {
            return this;
        }
        List<Object> selected = new ArrayList<>();
        for (int index : ColumnSelection.indexes(fields, names)) {
            selected.add(values.get(index));
        }
        return new Details(names, selected);
    }
}
