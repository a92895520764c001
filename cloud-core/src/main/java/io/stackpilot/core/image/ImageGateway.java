package io.stackpilot.core.image;

import io.stackpilot.core.identity.Session;
import java.util.List;

/** A cloud's image service (Glance v2 implements it). Thread-safe. */
public interface ImageGateway {

    /** Every image the session's project can see, all pages followed. Idempotent. */
    List<Image> listImages(Session session);
}
