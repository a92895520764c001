package io.stackpilot.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * ASCII box tables as python-openstackclient prints them: {@code +----+} rules, {@code | cell |} rows, cells
 * left-aligned and padded to the widest one (in terminal columns, so wide CJK characters line up); a cell with line
 * breaks spans several lines. With a maximum width ({@code --fit-width}) the widest columns give up room and their
 * cells wrap, at blanks where they can.
 */
public final class TableRenderer {
    /** A column is never squeezed below this (or below its natural width when that is smaller). */
    private static final int MIN_COLUMN_WIDTH = 4;

    private TableRenderer() {
    }

    public static String render(List<String> headers, List<List<String>> rows) {
        return render(headers, rows, 0);
    }

    /** The table at most {@code maxWidth} columns wide when the columns can shrink that far; 0 means no limit. */
    public static String render(List<String> headers, List<List<String>> rows, int maxWidth) {
        int[] widths = naturalWidths(headers, rows);
        if (maxWidth > 0) {
            shrink(widths, maxWidth - (3 * widths.length + 1));
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

    private static int[] naturalWidths(List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            widths[i] = DisplayWidth.of(headers.get(i));
        }
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                for (String line : row.get(i).split("\n", -1)) {
                    widths[i] = Math.max(widths[i], DisplayWidth.of(line));
                }
            }
        }
        return widths;
    }

    /** Takes one column at a time from the widest column until the cells fit in {@code room}, or none can shrink. */
    private static void shrink(int[] widths, int room) {
        int total = 0;
        for (int width : widths) {
            total += width;
        }
        while (total > room) {
            int widest = -1;
            for (int i = 0; i < widths.length; i++) {
                if (widths[i] > MIN_COLUMN_WIDTH && (widest < 0 || widths[i] > widths[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) {
                return;
            }
            widths[widest]--;
            total--;
        }
    }

    private static String rule(int[] widths) {
        StringBuilder rule = new StringBuilder("+");
        for (int width : widths) {
            rule.append("-".repeat(width + 2)).append('+');
        }
        return rule.append('\n').toString();
    }

    private static void appendRow(StringBuilder out, List<String> cells, int[] widths) {
        List<List<String>> lines = new ArrayList<>();
        int height = 1;
        for (int i = 0; i < cells.size(); i++) {
            List<String> wrapped = new ArrayList<>();
            for (String line : cells.get(i).split("\n", -1)) {
                wrapped.addAll(Wrapping.wrap(line, widths[i]));
            }
            lines.add(wrapped);
            height = Math.max(height, wrapped.size());
        }
        for (int line = 0; line < height; line++) {
            out.append('|');
            for (int i = 0; i < widths.length; i++) {
                List<String> cellLines = lines.get(i);
                String text = line < cellLines.size() ? cellLines.get(line) : "";
                out.append(' ').append(text).append(" ".repeat(widths[i] - DisplayWidth.of(text))).append(" |");
            }
            out.append('\n');
        }
    }
}
