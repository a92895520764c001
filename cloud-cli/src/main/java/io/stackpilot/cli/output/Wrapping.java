package io.stackpilot.cli.output;

import java.util.ArrayList;
import java.util.List;

/** Breaks one line of text into lines of at most a given display width: after a blank if there is one, else hard. */
final class Wrapping {
    private Wrapping() {
    }

    static List<String> wrap(String line, int width) {
        List<String> lines = new ArrayList<>();
        String rest = line;
        while (DisplayWidth.of(rest) > width) {
            int end = fittingPrefix(rest, width);
            int blank = rest.lastIndexOf(' ', end);
            int cut = blank > 0 && blank <= end ? blank : end;
            lines.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        lines.add(rest);
        return lines;
    }

    /** The length (in chars) of the longest prefix that fits in width columns; at least one code point. */
    private static int fittingPrefix(String text, int width) {
        int used = 0;
        int index = 0;
        while (index < text.length()) {
            int codePoint = text.codePointAt(index);
            int next = used + DisplayWidth.of(codePoint);
            if (next > width && index > 0) {
                break;
            }
            used = next;
            index += Character.charCount(codePoint);
        }
        return index;
    }
}
