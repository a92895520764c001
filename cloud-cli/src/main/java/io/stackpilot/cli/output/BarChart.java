package io.stackpilot.cli.output;

import java.util.List;

/**
 * A text bar chart, one line per point: the label, a bar of {@code #} scaled to the largest value, and the value;
 * a missing value reads {@code - (no data)}.
 */
public final class BarChart {
    private BarChart() {
    }

    public static String render(List<String> labels, List<Integer> values, int width) {
        int max = values.stream().filter(v -> v != null).mapToInt(Integer::intValue).max().orElse(0);
        int labelWidth = labels.stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            Integer value = values.get(i);
            String label = labels.get(i);
            out.append(label).append(" ".repeat(labelWidth - label.length())).append(" |");
            if (value == null) {
                out.append(" - (no data)");
            } else {
                int length = max == 0 ? 0 : Math.max(value > 0 ? 1 : 0, Math.round(value * (float) width / max));
                out.append("#".repeat(length)).append(' ').append(value);
            }
            out.append('\n');
        }
        return out.toString();
    }
}
