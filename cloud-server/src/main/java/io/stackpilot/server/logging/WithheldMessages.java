package io.stackpilot.server.logging;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * An unexpected exception as it may be logged: its type, stack trace, causes and suppressed exceptions, but no
 * message. A message can quote anything the exception's maker saw, a header value (a token) or a request body (a
 * password) included (OkHttp's message for a non-ASCII header byte quoted the whole token); no list of words could
 * catch every way of quoting one, so none is logged. The request id in the same line leads to the rest. Immutable.
 */
public final class WithheldMessages extends Throwable {
    private static final long serialVersionUID = 1L;
    private final String type;

    private WithheldMessages(Throwable original, Set<Throwable> seen) {
        super((String) null);
        this.type = original.getClass().getName();
        setStackTrace(original.getStackTrace());
        Throwable cause = original.getCause();
        if (cause != null && seen.add(cause)) {
            initCause(new WithheldMessages(cause, seen));
        }
        for (Throwable suppressed : original.getSuppressed()) {
            if (seen.add(suppressed)) {
                addSuppressed(new WithheldMessages(suppressed, seen));
            }
        }
    }

    /** The exception without messages; null for null. */
    public static Throwable of(Throwable original) {
        if (original == null) {
            return null;
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(original);
        return new WithheldMessages(original, seen);
    }

    /** The original type's name, so that the trace reads as the original's. */
    @Override
    public String toString() {
        return type + " (message withheld)";
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // The original's trace is set in the constructor; this one's own would only show the logging call.
        return this;
    }
}
