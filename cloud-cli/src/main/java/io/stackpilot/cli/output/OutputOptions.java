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

/** The {@code -f/--format} and {@code -c/--column} options (a picocli mixin) and the printing they select. */
public final class OutputOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: table).")
    OutputFormat format;

    @Option(names = {"-c", "--column"}, paramLabel = "COLUMN",
            description = "Show only this column (repeatable; names as in the table header).")
    List<String> columns = new ArrayList<>();

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
            case table -> out.print(TableRenderer.render(selected.columns(), texts(selected.rows())));
            case value -> selected.rows().forEach(row -> out.println(String.join(" ", texts(List.of(row)).get(0))));
            case json -> out.println(json(objects(selected)));
            case yaml -> out.print(YamlWriter.write(objects(selected)));
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
                out.print(TableRenderer.render(List.of("Field", "Value"), rows));
            }
            case value -> selected.values().forEach(value -> out.println(CellText.text(value)));
            case json -> out.println(json(object(selected.fields(), selected.values())));
            case yaml -> out.print(YamlWriter.write(object(selected.fields(), selected.values())));
        }
        out.flush();
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
