package io.stackpilot.core.error;

/** The resource does not exist, or is not visible to the caller's project. */
public final class NotFoundException extends StackpilotException {
    private final String kind;
    private final String id;

    public NotFoundException(String kind, String id) {
        this(kind, id, null);
    }

    public NotFoundException(String kind, String id, String upstreamRequestId) {
        super(kind + " " + id + " not found", upstreamRequestId, null);
        this.kind = kind;
        this.id = id;
    }

    public String kind() {
        return kind;
    }

    public String id() {
        return id;
    }
}
