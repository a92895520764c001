package io.stackpilot.core.flavor;

import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.identity.Session;
import java.util.List;

/** Flavor administration on a cloud (Nova implements it); needs the cloud's admin rights. Thread-safe. */
public interface FlavorAdminGateway {

    /** Every flavor the session may see, public and (for an admin) private ones, all pages. */
    List<Flavor> listAllFlavors(Session session);

    /**
     * Creates a public flavor of this shape.
     *
     * @throws io.stackpilot.core.error.ForbiddenException when the session may not create flavors
     * @throws io.stackpilot.core.error.ConflictException when a flavor of that name exists (created meanwhile)
     */
    Flavor createFlavor(Session session, FlavorShape shape);
}
