package io.stackpilot.openstack.glance;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.stackpilot.core.common.Location;
import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.image.Image;
import io.stackpilot.core.image.ImageGateway;
import io.stackpilot.openstack.http.ApiCall;
import io.stackpilot.openstack.http.OpenStackHttp;
import io.stackpilot.openstack.http.PathSegments;
import io.stackpilot.openstack.keystone.ServiceEndpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Glance v2 as the core's image gateway: {@code GET /v2/images}, following the {@code next} link (a path such as
 * {@code /v2/images?marker=..}, relative to the endpoint's root) to the end. One request per page of 25 (Glance's
 * default page size); {@link #findImage} is one {@code GET /v2/images/{id}}. Thread-safe.
 */
public final class GlanceImageGateway implements ImageGateway {
    static final String SERVICE = "image";

    private final OpenStackHttp http;
    private final ServiceEndpoints endpoints;
    private final Location location;

    public GlanceImageGateway(OpenStackHttp http, ServiceEndpoints endpoints, Location location) {
        this.http = http;
        this.endpoints = endpoints;
        this.location = location;
    }

    record ImageJson(String id, String name, String status, String visibility,
                     @JsonProperty("disk_format") String diskFormat, @JsonProperty("min_disk") Integer minDisk,
                     @JsonProperty("min_ram") Integer minRam, Long size) {
    }

    record ImageList(List<ImageJson> images, String next) {
    }

    @Override
    public List<Image> listImages(Session session) {
        HttpUrl versioned = endpoints.image();
        List<Image> images = new ArrayList<>();
        for (HttpUrl url = versioned.newBuilder().addPathSegment("images").build(); url != null; ) {
            ImageList page = http.sendForJson(ApiCall.get(SERVICE, url, session),
                    ImageList.class);
            if (page.images() != null) {
                page.images().forEach(image -> images.add(image(image)));
            }
            url = page.next() == null ? null : resolve(versioned, page.next());
        }
        return images;
    }

    /** One request; 404 and 403 (an image the project may not see) are empty, as is an id unsafe in a path. */
    @Override
    public Optional<Image> findImage(Session session, String id) {
        if (!PathSegments.isSafeId(id)) {
            return Optional.empty();
        }
        HttpUrl url = endpoints.image().newBuilder().addPathSegment("images").addPathSegment(id).build();
        try {
            ImageJson image = http.sendForJson(ApiCall.get(SERVICE, url, session).about("image", id),
                    ImageJson.class);
            return image.id() == null ? Optional.empty() : Optional.of(image(image));
        } catch (NotFoundException | ForbiddenException notVisible) {
            return Optional.empty();
        }
    }

    /** Glance's next link is a path from the API root: {@code http://h/image/v2} + {@code /v2/images?..}. */
    static HttpUrl resolve(HttpUrl versioned, String next) {
        HttpUrl absolute = HttpUrl.parse(next);
        if (absolute != null) {
            return absolute;
        }
        String root = versioned.toString().replaceFirst("/v2/?$", "");
        return HttpUrl.get(root + (next.startsWith("/") ? next : "/" + next));
    }

    private Image image(ImageJson json) {
        return new Image(json.id(), json.name() == null ? "" : json.name(), orEmpty(json.status()),
                orEmpty(json.visibility()), json.diskFormat(), json.minDisk() == null ? 0 : json.minDisk(),
                json.minRam() == null ? 0 : json.minRam(), json.size(), location);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
