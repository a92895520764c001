package io.stackpilot.server.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.server.lab.FaultProxy.Mode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The daemon as production wires it, its database behind a {@link FaultProxy}, under a bounded load of audited
 * requests (four clients, {@code GET /api/v1/images}, which needs no database to answer): for {@link #OUTAGE} the
 * proxy resets every connection and refuses new ones (what the daemon sees while PostgreSQL restarts), or holds them
 * half-open (a partition: the driver's socket timeout, shortened to 3 s in the daemon's URL, has to end the
 * calls). Then the database comes back. Every request answered gets exactly one audit row, written after the
 * database returned; none is left in flight and the daemon stops within its shutdown budget.
 */
class DatabaseFaultInjectionIT {
    /**
     * Longer than the pool's wait for a connection (DatabaseTimeouts.DEFAULTS' 10 s connect): a shorter outage may
     * only hold the audit writer in that wait, and no write would fail and be retried.
     */
    private static final Duration OUTAGE = Duration.ofSeconds(12);
    private static final Duration SHUTDOWN_BUDGET = Duration.ofSeconds(10);
    private static final Duration AUDIT_CATCH_UP = Duration.ofSeconds(30);
    private static final int CLIENTS = 4;
    private static final Pattern PORT = Pattern.compile("//([^/:]+):(\\d+)/");

    @ParameterizedTest(name = "database {0} for a while")
    @EnumSource(value = Mode.class, names = {"RESET", "HALF_OPEN"})
    void no_audit_row_is_lost_while_the_database_is_away_under_load(Mode outage) throws Exception {
        AtomicReference<FaultProxy> proxy = new AtomicReference<>();
        try (FaultyCloud cloud = new FaultyCloud(FaultyCloud.Fault.NONE, 0);
             RealServer server = RealServer.start(environment(cloud), Duration.ofSeconds(30),
                     url -> behindProxy(url, proxy))) {
            DatabaseProbe database = new DatabaseProbe(server.jdbcUrl());
            Set<String> answered = ConcurrentHashMap.newKeySet();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Future<?>> clients = new ArrayList<>();
            try (ExecutorService load = Executors.newFixedThreadPool(CLIENTS)) {
                for (int i = 0; i < CLIENTS; i++) {
                    clients.add(load.submit(() -> {
                        while (running.get()) {
                            HttpResponse<String> answer = server.get("/api/v1/images", FaultyCloud.USER_TOKEN);
                            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                            answered.add(answer.headers().firstValue("X-Request-Id").orElseThrow());
                            Thread.sleep(20);
                        }
                        return null;
                    }));
                }
                Thread.sleep(1_000);
                proxy.get().mode(outage);
                Thread.sleep(OUTAGE.toMillis());
                int duringOutage = answered.size();
                proxy.get().mode(Mode.PASS);
                Thread.sleep(1_000);
                running.set(false);
                for (Future<?> client : clients) {
                    client.get();
                }
                System.out.printf("database %s: %d requests answered, %d before the database returned%n", outage,
                        answered.size(), duringOutage);
            }
            assertThat(server.daemon().server().inFlight()).isZero();

            Map<String, Integer> rows = database.auditRowCounts(answered, AUDIT_CATCH_UP);
            Set<String> missing = new HashSet<>(answered);
            missing.removeAll(rows.keySet());
            assertThat(missing).as("answered requests without an audit row (of %d)", answered.size()).isEmpty();
            assertThat(rows.values()).as("and only one each").containsOnly(1);
            assertThat(server.daemon().server().auditWriter().dropped()).isZero();
            assertThat(server.daemon().server().auditWriter().failures()).as("the outage was seen").isPositive();

            long started = System.nanoTime();
            server.daemon().stop();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThanOrEqualTo(SHUTDOWN_BUDGET);
        } finally {
            if (proxy.get() != null) {
                proxy.get().close();
            }
        }
    }

    /** The daemon's URL names a new proxy in front of the database; a half-open call ends after 3 s of silence. */
    private static String behindProxy(String url, AtomicReference<FaultProxy> proxy) {
        Matcher address = PORT.matcher(url);
        if (!address.find()) {
            throw new IllegalArgumentException("no host:port in the test database's URL");
        }
        proxy.set(new FaultProxy(Integer.parseInt(address.group(2))));
        String proxied = url.substring(0, address.start()) + "//127.0.0.1:" + proxy.get().port() + "/"
                + url.substring(address.end());
        return proxied + (proxied.contains("?") ? "&" : "?") + "socketTimeout=3";
    }

    private static Map<String, String> environment(FaultyCloud cloud) {
        Map<String, String> env = new HashMap<>(cloud.serviceAccount());
        env.putAll(Map.of("STACKPILOT_ALLOWED_PROJECTS", "demo", "STACKPILOT_SHUTDOWN_TIMEOUT",
                SHUTDOWN_BUDGET.toString(), "STACKPILOT_LOG_LEVEL", "error"));
        return env;
    }
}
