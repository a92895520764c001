package io.stackpilot.kubernetes;

/** A Server's cloudRef cannot be used; {@code reason} is the CamelCase reason of the Ready=False condition. */
public final class CloudRefException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public CloudRefException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
