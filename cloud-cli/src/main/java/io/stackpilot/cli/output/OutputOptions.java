package io.stackpilot.cli.output;

import io.stackpilot.cli.http.JsonTrees;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code -f/--format}, {@code -c/--column}, {@code --fit-width} and {@code --max-width} options (a picocli mixin,
 * named as in python-openstackclient) and the printing they select.
 */
public final class OutputOptions {
    private static final int DEFAULT_TERMINAL_WIDTH = 80;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: table).")
    OutputFormat format;

    @Option(names = {"-c", "--column"}, paramLabel = "COLUMN",
            description = "Show only this column (repeatable; names as in the table header).")
    List<String> columns = new ArrayList<>();

    @Option(names = "--fit-width",
            description = "Fit the table to the terminal's width (COLUMNS, else 80), wrapping cells.")
    boolean fitWidth;

    @Option(names = "--max-width", paramLabel = "N",
            description = "Fit the table into N columns, wrapping cells (0: no limit).")
    int maxWidth;

    /** True when the user asked for a format explicitly (some commands print a chart otherwise). */
    public boolean formatGiven() {
        return format != null;
    }

    public OutputFormat format() {
        return format == null ? OutputFormat.table : format;
    }

    public void print(PrintWriter out, Listing listing) {
        Listing selected = select(() -> listing.select(columns));
        switch (format()) {
            case table -> out.print(TableRenderer.render(selected.columns(), texts(selected.rows()), tableWidth()));
            case value -> selected.rows().forEach(row -> out.println(String.join(" ", texts(List.of(row)).get(0))));
            case json -> out.println(json(objects(selected)));
            case yaml -> out.print(YamlWriter.write(objects(selected)));
            case csv -> out.print(CsvWriter.write(selected.columns(), selected.rows()));
        }
        out.flush();
    }

    public void print(PrintWriter out, Details details) {
        Details selected = select(() -> details.select(columns));
        switch (format()) {
            case table -> {
                List<List<String>> rows = new ArrayList<>();
                for (int i = 0; i < selected.fields().size(); i++) {
                    rows.add(List.of(selected.fields().get(i), CellText.text(selected.values().get(i))));
                }
                out.print(TableRenderer.render(List.of("Field", "Value"), rows, tableWidth()));
            }
            case value -> selected.values().forEach(value -> out.println(CellText.text(value)));
            case json -> out.println(json(object(selected.fields(), selected.values())));
            case yaml -> out.print(YamlWriter.write(object(selected.fields(), selected.values())));
            // One record under a header row, as a listing of one.
            case csv -> out.print(CsvWriter.write(selected.fields(), List.of(selected.values())));
        }
        out.flush();
    }

    /** The width to fit tables into: --max-width, else with --fit-width the terminal's, else 0 (no limit). */
    private int tableWidth() {
        if (maxWidth < 0) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--max-width must not be negative");
        }
        if (maxWidth > 0 || !fitWidth) {
            return maxWidth;
        }
        int columns = mixee.root().userObject() instanceof Terminal terminal ? terminal.columns() : 0;
        return columns > 0 ? columns : DEFAULT_TERMINAL_WIDTH;
    }

    private <T> T select(java.util.function.Supplier<T> selection) {
        try {
            return selection.get();
        } catch (ColumnSelection.UnknownColumnException e) {
            throw new CommandLine.ParameterException(mixee.commandLine(), e.getMessage());
        }
    }

    private static List<List<String>> texts(List<List<Object>> rows) {
        List<List<String>> texts = new ArrayList<>();
        for (List<Object> row : rows) {
            texts.add(row.stream().map(CellText::text).toList());
        }
        return texts;
    }

    private static List<Map<String, Object>> objects(Listing listing) {
        List<Map<String, Object>> objects = new ArrayList<>();
        listing.rows().forEach(row -> objects.add(object(listing.columns(), row)));
        return objects;
    }

    private static Map<String, Object> object(List<String> names, List<Object> values) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            object.put(names.get(i), values.get(i));
        }
        return object;
    }

    private static String json(Object value) {
        return JsonTrees.pretty(value);
    }
}
