package io.stackpilot.cli.output;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** How a cell reads in a table or in {@code -f value}: null is empty, lists join with ", ", maps read k=v; k=v. */
public final class CellText {
    private CellText() {
    }

    public static String text(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof List<?> list) {
            StringJoiner joiner = new StringJoiner(", ");
            list.forEach(item -> joiner.add(text(item)));
            return joiner.toString();
        }
        if (cell instanceof Map<?, ?> map) {
            StringJoiner joiner = new StringJoiner("; ");
            map.forEach((key, value) -> joiner.add(key + "=" + text(value)));
            return joiner.toString();
        }
        return cell.toString();
    }
}
