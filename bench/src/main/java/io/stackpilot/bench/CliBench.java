package io.stackpilot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Part 2: the {@code stackpilot} launcher against {@code openstack}, one pair per listing, all commands interleaved
 * round by round. Each run goes through {@code /usr/bin/time} for its peak RSS (the launcher execs the JVM, so it is
 * the JVM's); the wall time is taken around it. Both CLIs talk to the lab: {@code stackpilot} through the server
 * with its stored token, {@code openstack} to Keystone (a new token every run) and the service.
 *
 * <p>{@code CliBench <rounds> <stackpilot launcher> <openstack cloud name> <listing>...}
 */
public final class CliBench {
    private CliBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        String launcher = args[1];
        String cloud = args[2];
        List<String> listings = Arrays.asList(args).subList(3, args.length);
        List<List<String>> commands = new ArrayList<>();
        for (String listing : listings) {
            String[] words = listing.split(" ");
            commands.add(concat(List.of(launcher), words));
            commands.add(concat(List.of("openstack", "--os-cloud", cloud), words));
        }
        for (List<String> command : commands) {
            run(command);   // warm-up: CDS archive or AOT training run, page cache, token in the lab's cache
        }
        if (awaitAotCache()) {
            for (List<String> command : commands) {
                run(command);   // the first call that maps the AOT cache
            }
        }
        String loadBefore = Row.load();
        List<Samples> wall = new ArrayList<>();
        List<Samples> rss = new ArrayList<>();
        commands.forEach(command -> {
            wall.add(new Samples());
            rss.add(new Samples());
        });
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < commands.size(); i++) {
                int index = round % 2 == 0 ? i : commands.size() - 1 - i;
                long[] measured = run(commands.get(index));
                wall.get(index).add(measured[0]);
                rss.get(index).add(measured[1]);
            }
        }
        for (int i = 0; i < listings.size(); i++) {
            Samples ours = wall.get(2 * i);
            Samples theirs = wall.get(2 * i + 1);
            Row.print("2 CLI", "`" + listings.get(i) + "` wall p50 / peak RSS p50",
                    Samples.ms(ours.median()) + " / " + rss.get(2 * i).median() / 1024 + " MiB",
                    Samples.ms(theirs.median()) + " / " + rss.get(2 * i + 1).median() / 1024 + " MiB",
                    String.format("%.2f of the time (target <= 0.2), %.2f of the memory",
                            (double) ours.median() / theirs.median(),
                            (double) rss.get(2 * i).median() / rss.get(2 * i + 1).median()),
                    String.format("%d rounds interleaved; baseline: `openstack --os-cloud %s %s`; %s -> %s", rounds,
                            cloud, listings.get(i), loadBefore, Row.load()));
        }
    }

    /**
     * On JDK 25 the launcher's first call trains the AOT cache and a background JVM assembles it (tens of seconds
     * on a loaded machine); until then calls use the CDS archive. Waits (up to 5 minutes) until no training is left
     * in the launcher's cache directory, so that the rounds measure the launcher as a user meets it from the second
     * call on. True if it waited.
     */
    private static boolean awaitAotCache() throws InterruptedException, IOException {
        String cacheHome = System.getenv("XDG_CACHE_HOME");
        Path cache = (cacheHome == null || cacheHome.isEmpty() ? Path.of(System.getProperty("user.home"), ".cache")
                : Path.of(cacheHome)).resolve("stackpilot");
        boolean waited = false;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline && Files.isDirectory(cache)) {
            try (var entries = Files.list(cache)) {
                if (entries.noneMatch(entry -> entry.getFileName().toString().endsWith(".training"))) {
                    return waited;
                }
            }
            waited = true;
            Thread.sleep(500);
        }
        return waited;
    }

    /** Wall nanoseconds and peak RSS in KiB of one run; fails when the command fails. */
    private static long[] run(List<String> command) throws IOException, InterruptedException {
        Path rssFile = Files.createTempFile("cli-bench", ".rss");
        List<String> timed = concat(List.of("/usr/bin/time", "-f", "%M", "-o", rssFile.toString()),
                command.toArray(String[]::new));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(timed).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int status = process.waitFor();
        long elapsed = System.nanoTime() - start;
        String maxRss = Files.readString(rssFile).trim();
        Files.delete(rssFile);
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + status + ": " + maxRss);
        }
        return new long[] {elapsed, Long.parseLong(maxRss.substring(maxRss.lastIndexOf('\n') + 1).trim())};
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(Arrays.asList(tail));
        return all;
    }
}
