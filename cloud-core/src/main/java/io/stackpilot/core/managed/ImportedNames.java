package io.stackpilot.core.managed;

import io.stackpilot.core.compute.Server;
import java.util.Locale;

/** A DNS label made from a VM's Nova name (which may be anything), for imports that name no resource. */
final class ImportedNames {
    private ImportedNames() {
    }

    static String of(Server server) {
        String label = server.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("^-+", "");
        if (label.length() > 63) {
            label = label.substring(0, 63);
        }
        label = label.replaceAll("-+$", "");
        return label.isEmpty() ? "server-" + server.id().value().replaceAll("[^a-z0-9]", "").substring(0, 8) : label;
    }
}
