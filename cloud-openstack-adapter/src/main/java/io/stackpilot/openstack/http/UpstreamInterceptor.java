package io.stackpilot.openstack.http;

import io.stackpilot.openstack.UpstreamObserver;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The cross-cutting part of every call to the cloud: records the cloud's request id into the caller's trace, reports
 * each attempt to the {@link UpstreamObserver}, and retries idempotent GETs with backoff on 502/503/504 and on
 * connection failures. Read timeouts are not retried (the caller already waited the whole timeout), and nothing
 * but GET is ever retried. Thread-safe and stateless.
 */
public final class UpstreamInterceptor implements Interceptor {
    private static final Set<Integer> RETRIED_STATUSES = Set.of(502, 503, 504);

    private final UpstreamObserver observer;
    private final RetryPolicy retries;

    public UpstreamInterceptor(UpstreamObserver observer, RetryPolicy retries) {
        this.observer = observer;
        this.retries = retries;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        CallTag tag = request.tag(CallTag.class);
        String service = tag == null ? "unknown" : tag.service();
        int attempts = "GET".equals(request.method()) ? retries.maxAttempts() : 1;
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            Response response;
            try {
                response = chain.proceed(request);
            } catch (IOException failure) {
                observer.onResponse(service, request.method(), 0, System.nanoTime() - started);
                // A canceled call is one whose overall deadline passed: there is no time left for another try.
                if (attempt >= attempts || !isConnectFailure(failure) || chain.call().isCanceled()) {
                    throw failure;
                }
                pause(attempt + 1);
                continue;
            }
            observer.onResponse(service, request.method(), response.code(), System.nanoTime() - started);
            if (tag != null && tag.trace() != null) {
                tag.trace().record(requestId(response));
            }
            if (attempt >= attempts || !RETRIED_STATUSES.contains(response.code())) {
                return response;
            }
            response.close();
            pause(attempt + 1);
        }
    }

    /** The cloud's request id: every service sends x-openstack-request-id, Nova also x-compute-request-id. */
    public static String requestId(Response response) {
        String id = response.header("x-openstack-request-id");
        return id != null ? id : response.header("x-compute-request-id");
    }

    /** A read timeout means the cloud got the request and is slow; everything else means we never got through. */
    public static boolean isConnectFailure(IOException failure) {
        if (failure instanceof SocketTimeoutException || failure instanceof InterruptedIOException) {
            String message = String.valueOf(failure.getMessage()).toLowerCase(java.util.Locale.ROOT);
            return message.contains("connect");
        }
        return true;
    }

    private void pause(int nextAttempt) throws InterruptedIOException {
        try {
            Thread.sleep(retries.backoffBefore(nextAttempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
