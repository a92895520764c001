package io.stackpilot.core.compute;

import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.identity.Session;
import java.util.List;

/**
 * Checks the references of a boot request that {@link ServerService} does not know itself (key pair, security
 * groups): each must be the caller's, since the cloud would resolve a name with whatever its policy lets the token
 * see. Thread-safe.
 */
@FunctionalInterface
public interface BootReferences {
    /** Checks nothing (for a cloud without key pairs and security groups, and tests of other things). */
    BootReferences NONE = (session, request) -> List.of();

    /** The request's problems (snake_case field names), empty when every reference is the caller's. */
    List<FieldProblem> problems(Session session, BootRequest request);
}
