package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.output.Listing;
import io.stackpilot.cli.output.OutputOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stackpilot preemption list [--limit N]}: the project's evicted servers, newest first. */
@Command(name = "list", description = "List the project's evicted preemptible servers, newest first: which server "
        + "made room for which, why (quota or capacity) and when.")
public final class PreemptionListCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Option(names = "--limit", paramLabel = "N", description = "At most N evictions (default 100).")
    Integer limit;

    @Override
    public Integer call() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("limit", limit);
        Listing listing = Listing.of("Server ID", "Name", "Flavor", "Preempted By", "Reason", "Preempted At");
        for (JsonNode eviction : api().get("/api/v1/preemptions", query).path("preemptions")) {
            listing = listing.withRow(JsonFields.text(eviction, "server_id"), JsonFields.text(eviction, "name"),
                    JsonFields.text(eviction, "flavor"), JsonFields.text(eviction, "preempted_by"),
                    JsonFields.text(eviction, "reason"), JsonFields.text(eviction, "preempted_at"));
        }
        output.print(out(), listing);
        return 0;
    }
}
