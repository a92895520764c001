package io.stackpilot.server.http;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The outermost handler of the daemon's Jetty server (inside Jetty's graceful handler): every request that reaches
 * Jetty's handlers is counted in flight from here, gets its {@link RequestState} (its id) and ends here exactly once
 * when Jetty completes it, whether the answer was written or writing it failed (a client that went away) or a
 * handler threw. This is what Javalin's request logger was not: it is skipped when writing the body fails, so the
 * audit row was lost and the in-flight count stuck. The request id (and the replica) are in the logging MDC on the
 * handler thread for the duration of the handling. Thread-safe.
 */
public final class RequestLifecycle extends Handler.Wrapper {
    /** Called once per request when Jetty completes it; must not throw (a throw is logged and ignored). */
    @FunctionalInterface
    public interface Completion {
        void completed(RequestState state, Request request, Response response);
    }

    private static final Logger LOG = LoggerFactory.getLogger(RequestLifecycle.class);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong begun = new AtomicLong();
    private final Function<Request, RequestState> begin;
    private final Completion completion;
    private final String replicaId;

    public RequestLifecycle(Function<Request, RequestState> begin, Completion completion, String replicaId) {
        this.begin = begin;
        this.completion = completion;
        this.replicaId = replicaId;
    }

    /** Requests that began and have not completed yet. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Requests that have reached the handlers since the start (each is audited); those Jetty refused did not. */
    public long begun() {
        return begun.get();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        begun.incrementAndGet();
        inFlight.incrementAndGet();
        AtomicBoolean done = new AtomicBoolean();
        RequestState state = null;
        Runnable finish = () -> { };
        try {
            state = begin.apply(request);
            RequestState begun = state;
            finish = () -> finish(done, begun, request, response);
            RequestState.attach(request, state);
            MDC.put("request_id", state.requestId());
            MDC.put("replica", replicaId);
            Runnable finishOnce = finish;
            boolean handled = super.handle(request, response, new Completing(callback, finishOnce));
            if (!handled) {
                finishOnce.run();
            }
            return handled;
        } catch (Exception | Error failed) {
            finish.run();
            if (state == null) {
                inFlight.decrementAndGet();
            }
            throw failed;
        } finally {
            MDC.remove("request_id");
            MDC.remove("replica");
        }
    }

    private void finish(AtomicBoolean done, RequestState state, Request request, Response response) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        try {
            completion.completed(state, request, response);
        } catch (RuntimeException failed) {
            // The type only: a message could quote what the request carried.
            LOG.error("request {}: recording its completion failed: {}", state.requestId(),
                    failed.getClass().getName());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Runs the completion before passing the outcome on, so that it has happened when Jetty counts it done. */
    private record Completing(Callback next, Runnable finish) implements Callback {
        @Override
        public void succeeded() {
            finish.run();
            next.succeeded();
        }

        @Override
        public void failed(Throwable cause) {
            finish.run();
            next.failed(cause);
        }

        @Override
        public InvocationType getInvocationType() {
            return next.getInvocationType();
        }
    }
}
