package io.stackpilot.cli.output;

import java.util.List;

/**
 * RFC 4180 CSV, as {@code openstack ... -f csv} writes it: a header row, CRLF line ends, a field quoted (quotes
 * doubled) when it holds a comma, a quote, a line break or leading or trailing blanks. Cells read as in a table.
 */
final class CsvWriter {
    private static final String CRLF = "\r\n";

    private CsvWriter() {
    }

    static String write(List<String> headers, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder();
        appendRecord(out, headers);
        for (List<Object> row : rows) {
            appendRecord(out, row.stream().map(CellText::text).toList());
        }
        return out.toString();
    }

    private static void appendRecord(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append(CRLF);
    }

    static String field(String text) {
        boolean quote = text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')
                || !text.equals(text.strip());
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
