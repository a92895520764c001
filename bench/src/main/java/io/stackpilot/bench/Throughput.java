package io.stackpilot.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part 3: requests per second of one server process on {@code GET /api/v1/flavors} over the bench cloud, auditing
 * on and off (two servers, identical but for the audit log), measured with wrk (closed loop, one thread) in
 * alternation. For each side: a sweep over connection counts, keeping the best rate whose p99 stays under 50 ms,
 * then three more alternating runs at that count (medians reported). Each setup starts with a warm-up run on both. Done twice: pinned (servers and their
 * PostgreSQL on CPU 0, wrk and the bench cloud on CPU 1) and unpinned (everything shares both CPUs).
 *
 * <p>{@code Throughput <seconds> <token> <on url> <on pids> <off url> <off pids> <cloud pid> <cloud flavors url>}
 * (pids: comma-separated, e.g. the JVM's and its PostgreSQL postmaster's; their descendants are pinned too)
 */
public final class Throughput {
    private static final int[] CONNECTIONS = {4, 8, 16, 32, 64};
    private static final double P99_LIMIT_MS = 50;
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private record Run(int connections, double rate, double p99Ms, long errors, String load, double cpuMicros) {
        boolean acceptable() {
            return p99Ms < P99_LIMIT_MS && errors == 0;
        }
    }

    private Throughput() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        String token = args[1];
        String onUrl = args[2];
        String onPid = args[3];
        String offUrl = args[4];
        String offPid = args[5];
        String cloudPid = args[6];
        String cloudFlavors = args[7];
        // args[8]: what the rows say about the servers (e.g. "catalog cache on"); args[9]: "unpinned" skips pinning
        String label = args.length > 8 ? args[8] + ", " : "";
        boolean[] setups = args.length > 9 && args[9].equals("unpinned") ? new boolean[] {false}
                : new boolean[] {true, false};
        for (boolean pinned : setups) {
            String serverCpus = pinned ? "0" : "0,1";
            String clientCpus = pinned ? "1" : "0,1";
            pin(onPid, serverCpus);
            pin(offPid, serverCpus);
            pin(cloudPid, clientCpus);
            String setup = pinned ? "pinned: server+PostgreSQL CPU 0, wrk+cloud CPU 1" : "unpinned: all on 2 CPUs";
            Run cloudAlone = wrk(cloudFlavors, null, 16, seconds, clientCpus);
            for (String url : new String[] {onUrl, offUrl}) {
                wrk(url, token, 16, 2 * seconds, clientCpus);   // warm-up: JIT, connection pools
            }
            Run on = measure(onUrl, onPid, offUrl, token, seconds, clientCpus, true);
            double onDropped = lastDropShare;
            Run off = measure(offUrl, offPid, onUrl, token, seconds, clientCpus, false);
            Row.print("3 throughput", "GET /api/v1/flavors req/s at p99 < 50 ms, " + label + setup,
                    String.format("%.0f req/s audited (p99 %.1f ms, %d conn, %d non-2xx)", on.rate(), on.p99Ms(),
                            on.connections(), on.errors()),
                    String.format("%.0f req/s audit off (p99 %.1f ms, %d conn, %d non-2xx)", off.rate(), off.p99Ms(),
                            off.connections(), off.errors()),
                    String.format("auditing costs %.1f%% (target <= 5%%), and %.0f%% of the audit rows were "
                            + "dropped at that rate; target >= 15000 req/s audited", 100 * (1 - on.rate() / off.rate()),
                            100 * onDropped),
                    String.format("wrk -t1, %d s runs, medians of 3 alternating runs; the bench cloud alone: %.0f "
                            + "req/s; %s, %s", seconds, cloudAlone.rate(), on.load(), off.load()));
            // The load-independent figure: CPU time per request of the server and its PostgreSQL, same runs.
            Row.print("3 throughput", "CPU time per GET /api/v1/flavors (server JVM + its PostgreSQL), " + label
                            + setup, String.format("%.0f us audited", on.cpuMicros()),
                    String.format("%.0f us audit off", off.cpuMicros()),
                    String.format("auditing costs %.1f%% more CPU per request (target <= 5%%)",
                            100 * (on.cpuMicros() / off.cpuMicros() - 1)),
                    "user+sys of the processes (/proc/<pid>/stat, with PostgreSQL's backends) over the confirm runs,"
                            + " divided by the requests they answered; less sensitive to the machine's load than "
                            + "req/s");
        }
    }

    /** Sweeps {@code url} (alternating each run with {@code other} so both see the same noise), then confirms. */
    private static Run measure(String url, String pids, String other, String token, int seconds, String cpus,
                               boolean first) throws IOException, InterruptedException {
        Run best = null;
        for (int connections : CONNECTIONS) {
            Run run = wrk(url, token, connections, seconds, cpus);
            System.err.printf("  %s %d conn: %.0f req/s, p99 %.1f ms, %d non-2xx%n", url, connections, run.rate(),
                    run.p99Ms(), run.errors());
            if (run.acceptable() && (best == null || run.rate() > best.rate())) {
                best = run;
            }
            wrk(other, token, connections, Math.max(2, seconds / 4), cpus);   // keep the other side as warm
        }
        if (best == null) {
            best = wrk(url, token, CONNECTIONS[0], seconds, cpus);
        }
        Samples rates = new Samples();
        Samples p99s = new Samples();
        long errors = 0;
        double[] before = auditCounters(url);
        long cpuBefore = cpuTicks(pids);
        long started = System.nanoTime();
        for (int repeat = 0; repeat < 3; repeat++) {
            if (!first) {
                wrk(other, token, best.connections(), Math.max(2, seconds / 4), cpus);
            }
            Run run = wrk(url, token, best.connections(), seconds, cpus);
            rates.add((long) run.rate());
            p99s.add((long) (run.p99Ms() * 1000));
            errors += run.errors();
        }
        long cpuAfter = cpuTicks(pids);
        double[] after = auditCounters(url);
        double requests = after[0] - before[0];
        double dropped = after[1] - before[1];
        System.err.printf("  %s confirm runs: %.0f requests, %.0f audit rows dropped (%.1f%%), %.0f rows/s kept%n", url,
                requests, dropped, 100 * dropped / requests, (requests - dropped) / ((System.nanoTime() - started) / 1e9));
        lastDropShare = dropped / requests;
        double cpuMicros = (cpuAfter - cpuBefore) * 1e6 / CLOCK_TICKS / requests;
        System.err.printf("  %s confirm runs: %.1f s CPU (server + PostgreSQL), %.0f us per request%n", url,
                (cpuAfter - cpuBefore) / (double) CLOCK_TICKS, cpuMicros);
        return new Run(best.connections(), rates.median(), p99s.median() / 1000.0, errors, Row.load(), cpuMicros);
    }

    /** Linux's USER_HZ: the unit of the times in /proc/<pid>/stat. */
    private static final long CLOCK_TICKS = clockTicks();

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String text = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Long.parseLong(text);
        } catch (IOException | InterruptedException | NumberFormatException unknown) {
            return 100;
        }
    }

    /**
     * CPU time (user + system, in clock ticks) of the processes and their descendants, including their children
     * that ended and were waited for (PostgreSQL's backends).
     */
    static long cpuTicks(String roots) throws IOException {
        java.util.Set<Long> pids = new java.util.LinkedHashSet<>();   // a listed process may descend from another
        for (String root : roots.split(",")) {
            long pid = Long.parseLong(root.trim());
            pids.add(pid);
            ProcessHandle.of(pid).ifPresent(handle -> handle.descendants().forEach(child -> pids.add(child.pid())));
        }
        long ticks = 0;
        for (long pid : pids) {
            String stat;
            try {
                stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            } catch (java.nio.file.NoSuchFileException gone) {
                continue;
            }
            // After the command's name in parentheses: fields 3.. ; utime, stime, cutime, cstime are fields 14-17.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            for (int field = 14; field <= 17; field++) {
                ticks += Long.parseLong(fields[field - 3]);
            }
        }
        return ticks;
    }

    private static double lastDropShare;

    /** The server's count of requests answered and of audit rows dropped (queue full), from its /metrics. */
    private static double[] auditCounters(String url) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder("curl", "-fs", url.replaceAll("/api/v1/.*$", "/metrics")).start();
        String text = new String(curl.getInputStream().readAllBytes());
        curl.waitFor();
        double requests = 0;
        Matcher line = Pattern.compile("(?m)^stackpilot_http_requests_total\\{[^}]*\\} (\\S+)$").matcher(text);
        while (line.find()) {
            requests += Double.parseDouble(line.group(1));
        }
        Matcher dropped = Pattern.compile("(?m)^stackpilot_audit_dropped_total (\\S+)$").matcher(text);
        return new double[] {requests, dropped.find() ? Double.parseDouble(dropped.group(1)) : 0};
    }

    private static Run wrk(String url, String token, int connections, int seconds, String cpus)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("taskset", "-c", cpus, "wrk", "-t1", "-c",
                String.valueOf(connections), "-d", seconds + "s", "--latency"));
        if (token != null) {
            command.addAll(List.of("-H", "X-Auth-Token: " + token));
        }
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        Matcher errors = ERRORS.matcher(output);
        long failed = errors.find() ? Long.parseLong(errors.group(1)) : 0;
        Matcher rate = RATE.matcher(output);
        Matcher p99 = P99.matcher(output);
        if (!rate.find() || !p99.find()) {
            throw new IllegalStateException("cannot read wrk's output: " + output);
        }
        double value = Double.parseDouble(p99.group(1));
        double p99Ms = switch (p99.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
        return new Run(connections, Double.parseDouble(rate.group(1)), p99Ms, failed, Row.load(), 0);
    }

    /** Sets the CPU affinity of a process, all its threads, and its descendants (the embedded PostgreSQL). */
    static void pin(String roots, String cpus) throws IOException, InterruptedException {
        List<Long> pids = new ArrayList<>();
        for (String root : roots.split(",")) {
            long pid = Long.parseLong(root.trim());
            pids.add(pid);
            ProcessHandle.of(pid).ifPresent(handle -> handle.descendants().forEach(child -> pids.add(child.pid())));
        }
        for (long each : pids) {
            new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, String.valueOf(each))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }
}
