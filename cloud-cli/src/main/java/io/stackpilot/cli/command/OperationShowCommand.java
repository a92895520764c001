package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.http.ApiClient;
import io.stackpilot.cli.output.Details;
import io.stackpilot.cli.output.OutputOptions;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stackpilot operation show ID}. */
@Command(name = "show", description = "Show one operation.")
public final class OperationShowCommand extends BaseCommand {
    private static final List<String> FIELDS = List.of("id", "kind", "state", "target", "attempts", "reason",
            "error", "replica", "not_before", "created_at", "started_at", "finished_at");

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "ID", description = "The operation's ID.")
    String id;

    @Override
    public Integer call() {
        JsonNode operation = api().get("/api/v1/operations/" + ApiClient.segment(id), Map.of());
        Details details = Details.empty();
        for (String field : FIELDS) {
            JsonNode value = operation.path(field);
            details = details.with(field, value.isNumber() ? value.numberValue() : JsonFields.text(operation, field));
        }
        output.print(out(), details);
        return 0;
    }
}
