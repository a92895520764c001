package io.stackpilot.bench;

/**
 * One line of the result table, printed as a Markdown row on stdout; {@code bench/run} collects the rows of every
 * part under one header: part, what, Stackpilot, baseline, ratio or target, notes.
 */
final class Row {
    private Row() {
    }

    static void print(String part, String what, String stackpilot, String baseline, String ratio, String notes) {
        System.out.printf("| %s | %s | %s | %s | %s | %s |%n", part, what, stackpilot, baseline, ratio, notes);
        System.out.flush();
    }

    static String load() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return "load " + fields[0];
        } catch (java.io.IOException e) {
            return "load ?";
        }
    }
}
