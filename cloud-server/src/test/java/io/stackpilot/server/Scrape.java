package io.stackpilot.server;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus text exposition parsed into samples (name and label set, in any label order, to value) and the
 * declared types, so that tests compare series, not the spelling of numbers ({@code 2} or {@code 2.0}).
 */
record Scrape(Map<String, Double> samples, Map<String, String> types) {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    static Scrape of(String text) {
        Map<String, Double> samples = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Matcher sample = SAMPLE.matcher(line);
                if (!sample.matches()) {
                    throw new AssertionError("not a sample line: " + line);
                }
                Map<String, String> labels = new TreeMap<>();
                if (sample.group(3) != null) {
                    Matcher label = LABEL.matcher(sample.group(3));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                samples.put(key(sample.group(1), labels), Double.parseDouble(sample.group(4)));
            }
        }
        return new Scrape(samples, types);
    }

    /** The sample's value; labels as name, value pairs, escaped as in the exposition. */
    Optional<Double> value(String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return Optional.ofNullable(samples.get(key(name, wanted)));
    }

    boolean hasMetricStartingWith(String prefix) {
        return samples.keySet().stream().anyMatch(key -> key.startsWith(prefix));
    }

    private static String key(String name, Map<String, String> labels) {
        return name + labels;
    }
}
