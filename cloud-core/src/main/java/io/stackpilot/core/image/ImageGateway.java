package io.stackpilot.core.image;

import io.stackpilot.core.identity.Session;
import java.util.List;
import java.util.Optional;

/** A cloud's image service (Glance v2 implements it). Thread-safe. */
public interface ImageGateway {

    /** Every image the session's project can see, all pages followed. Idempotent. */
    List<Image> listImages(Session session);

    /**
     * The image with this id, if the session's project can see it (used to name a server's image that the cached
     * image list lacks). Idempotent. This default lists the images; an adapter overrides it with one GET of the id.
     */
    default Optional<Image> findImage(Session session, String id) {
        return listImages(session).stream().filter(image -> image.id().equals(id)).findFirst();
    }
}
