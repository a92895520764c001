package io.stackpilot.server.metrics;

/** Writes the Prometheus text exposition format (version 0.0.4). Not thread-safe; one per scrape. */
final class PrometheusWriter {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder text = new StringBuilder(4096);

    void header(String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    void sample(String name, String labels, double value) {
        text.append(name).append(labels).append(' ');
        if (value == Math.rint(value) && !Double.isInfinite(value)) {
            text.append((long) value);
        } else {
            text.append(value);
        }
        text.append('\n');
    }

    static String label(String name, String value) {
        String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return name + "=\"" + escaped + "\"";
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
