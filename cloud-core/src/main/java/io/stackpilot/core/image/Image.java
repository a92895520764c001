package io.stackpilot.core.image;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Require;

/**
 * A bootable image. {@code diskFormat} and {@code sizeBytes} may be null while an image is still queued; the
 * minimums are 0 when the image sets none.
 */
public record Image(String id, String name, String status, String visibility, String diskFormat, int minDiskGb,
                    int minRamMb, Long sizeBytes, Location location) {
    public Image {
        Require.notBlank(id, "image id");
        Require.notNull(name, "image name");
        Require.notNull(status, "image status");
        Require.notNull(visibility, "image visibility");
        Require.notNegative(minDiskGb, "minDiskGb");
        Require.notNegative(minRamMb, "minRamMb");
        Require.notNull(location, "location");
    }
}
