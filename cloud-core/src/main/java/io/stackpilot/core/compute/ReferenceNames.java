package io.stackpilot.core.compute;

import io.stackpilot.core.image.Image;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Fills in the flavor and image names a server's references lack, from lists fetched once per operation. */
final class ReferenceNames {
    private final Map<String, String> flavorNames;
    private final Map<String, String> imageNames;

    ReferenceNames(List<Flavor> flavors, List<Image> images) {
        this.flavorNames = flavors.stream().collect(Collectors.toMap(Flavor::id, Flavor::name, (a, b) -> a));
        this.imageNames = images.stream().collect(Collectors.toMap(Image::id, Image::name, (a, b) -> a));
    }

    Server fill(Server server) {
        ResourceRef flavor = named(server.flavor(), flavorNames::get);
        ResourceRef image = server.image() == null ? null : named(server.image(), imageNames::get);
        if (flavor == server.flavor() && image == server.image()) {
            return server;
        }
        return new Server(server.id(), server.name(), server.status(), server.addresses(), flavor, image,
                server.projectId(), server.createdAt(), server.preemptible(), server.metadata(), server.location(),
                server.fault());
    }

    private static ResourceRef named(ResourceRef ref, Function<String, String> names) {
        if (ref.name() != null) {
            return ref;
        }
        String name = names.apply(ref.id());
        return name == null ? ref : new ResourceRef(ref.id(), name);
    }
}
