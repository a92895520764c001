package io.stackpilot.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * ASCII box tables as python-openstackclient prints them: {@code +----+} rules, {@code | cell |} rows, cells
 * left-aligned and padded to the widest one; a cell with line breaks spans several lines.
 */
public final class TableRenderer {
    private TableRenderer() {
    }

    public static String render(List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            widths[i] = headers.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                for (String line : row.get(i).split("\n", -1)) {
                    widths[i] = Math.max(widths[i], line.length());
                }
            }
        }
        String rule = rule(widths);
        StringBuilder out = new StringBuilder(rule);
        appendRow(out, headers, widths);
        out.append(rule);
        for (List<String> row : rows) {
            appendRow(out, row, widths);
        }
        if (!rows.isEmpty()) {
            out.append(rule);
        }
        return out.toString();
    }

    private static String rule(int[] widths) {
        StringBuilder rule = new StringBuilder("+");
        for (int width : widths) {
            rule.append("-".repeat(width + 2)).append('+');
        }
        return rule.append('\n').toString();
    }

    private static void appendRow(StringBuilder out, List<String> cells, int[] widths) {
        List<String[]> lines = new ArrayList<>();
        int height = 1;
        for (String cell : cells) {
            String[] split = cell.split("\n", -1);
            lines.add(split);
            height = Math.max(height, split.length);
        }
        for (int line = 0; line < height; line++) {
            out.append('|');
            for (int i = 0; i < widths.length; i++) {
                String[] cellLines = lines.get(i);
                String text = line < cellLines.length ? cellLines[line] : "";
                out.append(' ').append(text).append(" ".repeat(widths[i] - text.length())).append(" |");
            }
            out.append('\n');
        }
    }
}
