package io.stackpilot.openstack.http;

import io.stackpilot.openstack.UpstreamObserver;
import java.time.Duration;
import okhttp3.Authenticator;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/** Builds the one OkHttp client a process uses for the cloud (one connection pool, one dispatcher). */
public final class HttpClients {
    private HttpClients() {
    }

    /**
     * OkHttp's own silent retry is off: it may resend a POST on a broken connection, and our interceptor decides
     * what is retried.
     */
    public static OkHttpClient create(Duration connectTimeout, Duration readTimeout, UpstreamObserver observer,
                                      RetryPolicy retries, Authenticator authenticator) {
        return new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .connectionPool(new ConnectionPool(10, 1, java.util.concurrent.TimeUnit.MINUTES))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .addInterceptor(new UpstreamInterceptor(observer, retries))
                .authenticator(authenticator)
                .build();
    }
}
