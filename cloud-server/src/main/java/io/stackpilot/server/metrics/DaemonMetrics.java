package io.stackpilot.server.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Info;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import javax.sql.DataSource;
import org.eclipse.jetty.server.Server;

/**
 * The daemon's metrics in a Micrometer Prometheus registry: requests by method, route and status with latency
 * histograms, upstream calls by service ({@link UpstreamMetrics}), values registered by other parts (audit queue,
 * token cache), {@code stackpilot_build_info}, and the JVM, GC, thread, connection-pool and Jetty metrics of the
 * libraries' own binders. Routes are the templates ({@code /api/v1/servers/{id}}), never raw paths, so label sets
 * stay small. The names and labels of the hand-written version are kept (dashboards use them). Thread-safe.
 */
public final class DaemonMetrics implements AutoCloseable {
    /** The histogram buckets (seconds) of the hand-written version, kept so that dashboards keep their quantiles. */
    static final List<Duration> LATENCY_BUCKETS = List.of(millis(5), millis(10), millis(25), millis(50),
            millis(100), millis(250), millis(500), millis(1000), millis(2500), millis(5000), millis(10_000),
            millis(30_000));

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final UpstreamMetrics upstream;
    /** Micrometer holds gauge and function-counter sources weakly: a method reference must be kept alive here. */
    private final List<DoubleSupplier> sources = new CopyOnWriteArrayList<>();

    public DaemonMetrics() {
        this.upstream = new UpstreamMetrics(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // An info metric of the Prometheus client itself: Micrometer would render a gauge named *_info oddly.
        Info.builder().name("stackpilot_build_info").help("The running Stackpilot version.").labelNames("version")
                .register(registry.getPrometheusRegistry()).setLabelValues(version());
    }

    public UpstreamMetrics upstream() {
        return upstream;
    }

    public void recordRequest(String method, String route, int status, long elapsedNanos) {
        Counter.builder("stackpilot_http_requests").description("HTTP requests by method, route and status.")
                .tags("method", method, "route", route, "status", String.valueOf(status))
                .register(registry).increment();
        histogram(Timer.builder("stackpilot_http_request_duration").description("HTTP request latency by route."))
                .tags("method", method, "route", route).register(registry)
                .record(Duration.ofNanos(elapsedNanos));
    }

    /** One preemptible server evicted: {@code stackpilot_preemptions_total{reason="quota"|"capacity"}}. */
    public void countPreemption(String reason) {
        Counter.builder("stackpilot_preemptions").description("Preemptible servers evicted to make room, by reason.")
                .tags("reason", reason).register(registry).increment();
    }

    /** A value read at each scrape, e.g. a queue's depth. */
    public void gauge(String name, String help, DoubleSupplier value) {
        sources.add(value);
        Gauge.builder(name, value, DoubleSupplier::getAsDouble).description(help).register(registry);
    }

    /** A monotonic count read at each scrape; {@code name} without {@code _total} (the registry adds it). */
    public void counter(String name, String help, DoubleSupplier value) {
        sources.add(value);
        FunctionCounter.builder(name, value, DoubleSupplier::getAsDouble).description(help).register(registry);
    }

    /** Adds the pool's metrics ({@code hikaricp_*}) when the data source is HikariCP's; call once per pool. */
    public void bindConnectionPool(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
    }

    /** Adds Jetty's connection ({@code jetty_connections_*}) and thread-pool metrics; call once it has started. */
    public void bindHttpServer(Server server) {
        JettyConnectionMetrics.addToAllConnectors(server, registry);
        new JettyServerThreadPoolMetrics(server.getThreadPool(), List.of()).bindTo(registry);
    }

    /** The Prometheus text exposition format (version 0.0.4). */
    public String render() {
        return registry.scrape();
    }

    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    static Timer.Builder histogram(Timer.Builder timer) {
        return timer.serviceLevelObjectives(LATENCY_BUCKETS.toArray(Duration[]::new));
    }

    private static Duration millis(long millis) {
        return Duration.ofMillis(millis);
    }

    private static String version() {
        String version = DaemonMetrics.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
