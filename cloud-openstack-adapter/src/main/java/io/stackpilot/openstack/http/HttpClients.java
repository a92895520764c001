package io.stackpilot.openstack.http;

import io.stackpilot.openstack.UpstreamObserver;
import java.time.Duration;
import okhttp3.Authenticator;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/** Builds the one OkHttp client a process uses for the cloud (one connection pool, one dispatcher). */
public final class HttpClients {
    /**
     * Idle connections kept for reuse (all cloud endpoints together). A busy replica has as many calls to
     * OpenStack in flight as it has requests (virtual threads); with fewer idle slots than that, every call above the
     * limit closes its connection on release and the next one opens a new TCP (and TLS) connection.
     */
    static final int MAX_IDLE_CONNECTIONS = 100;

    private HttpClients() {
    }

    /**
     * The overall deadline of one call, retries included: connect timeout plus read timeout (5 s + 30 s by default),
     * as long as the slowest healthy answer takes (connect, then wait up to the read timeout for the answer). Derived,
     * not configured, so that raising the read timeout for a slow cloud raises the deadline with it.
     */
    public static Duration callDeadline(Duration connectTimeout, Duration readTimeout) {
        return connectTimeout.plus(readTimeout);
    }

    /**
     * OkHttp's own silent retry is off: it may resend a POST on a broken connection, and our interceptor decides
     * what is retried. The read timeout bounds each wait for the next bytes only, so a service that drips its answer
     * a byte at a time could hold a call forever; {@link #callDeadline} bounds the whole call.
     */
    public static OkHttpClient create(Duration connectTimeout, Duration readTimeout, UpstreamObserver observer,
                                      RetryPolicy retries, Authenticator authenticator) {
        return create(connectTimeout, readTimeout, observer, retries, authenticator, TlsTrust.SYSTEM);
    }

    /** As above, trusting the TLS servers {@code trust} names (a private CA, or none checked). */
    public static OkHttpClient create(Duration connectTimeout, Duration readTimeout, UpstreamObserver observer,
                                      RetryPolicy retries, Authenticator authenticator, TlsTrust trust) {
        return trust.applyTo(new OkHttpClient.Builder())
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .callTimeout(callDeadline(connectTimeout, readTimeout))
                .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, 1, java.util.concurrent.TimeUnit.MINUTES))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .addInterceptor(new UpstreamInterceptor(observer, retries))
                .authenticator(authenticator)
                .build();
    }
}
