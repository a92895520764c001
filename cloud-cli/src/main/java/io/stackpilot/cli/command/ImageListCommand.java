package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.output.Listing;
import io.stackpilot.cli.output.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Map;

/** {@code stackpilot image list}: {@code GET /api/v1/images}. */
@Command(name = "list", description = "List images.")
public final class ImageListCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        Listing listing = Listing.of("ID", "Name", "Status", "Visibility", "Disk Format", "Size", "Min Disk",
                "Min RAM");
        for (JsonNode image : api().get("/api/v1/images", Map.of()).path("images")) {
            listing = listing.withRow(JsonFields.text(image, "id"), JsonFields.text(image, "name"),
                    JsonFields.text(image, "status"), JsonFields.text(image, "visibility"),
                    JsonFields.text(image, "disk_format"), JsonFields.number(image, "size_bytes"),
                    JsonFields.number(image, "min_disk_gb"), JsonFields.number(image, "min_ram_mb"));
        }
        output.print(out(), listing);
        return 0;
    }
}
