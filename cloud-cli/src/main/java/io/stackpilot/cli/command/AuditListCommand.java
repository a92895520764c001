package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.output.Listing;
import io.stackpilot.cli.output.OutputOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code stackpilot audit list}: {@code GET /api/v1/audit}. {@code --since}/{@code --until} take an ISO-8601 instant
 * or a duration back from now ({@code 2h}, {@code 30m}).
 */
@Command(name = "list", description = "List audited requests, newest first as the server returns them.")
public final class AuditListCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Option(names = "--since", paramLabel = "TIME", description = "From this time (ISO-8601, or e.g. 2h ago as 2h).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Before this time (ISO-8601, or a duration ago).")
    String until;

    @Option(names = "--project-id", paramLabel = "ID", description = "Only requests in this project.")
    String projectId;

    @Option(names = "--user-id", paramLabel = "ID", description = "Only requests by this user.")
    String userId;

    @Option(names = "--status", paramLabel = "CODE", description = "Only requests answered with this HTTP status.")
    Integer status;

    @Option(names = "--limit", paramLabel = "N", description = "At most N entries.")
    Integer limit;

    @Option(names = "--marker", paramLabel = "ID", description = "Start after the entry with this ID.")
    String marker;

    @Override
    public Integer call() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("since", instant("--since", since));
        query.put("until", instant("--until", until));
        query.put("project_id", projectId);
        query.put("user_id", userId);
        query.put("status", status);
        query.put("limit", limit);
        query.put("marker", marker);
        JsonNode page = api().get("/api/v1/audit", query);
        Listing listing = Listing.of("ID", "Time", "Method", "Path", "Status", "Duration (ms)", "User", "Project",
                "Client", "Request ID");
        for (JsonNode entry : page.path("entries")) {
            listing = listing.withRow(JsonFields.text(entry, "id"), JsonFields.text(entry, "at"),
                    JsonFields.text(entry, "method"), JsonFields.text(entry, "path"), JsonFields.number(entry, "status"),
                    JsonFields.number(entry, "duration_ms"), JsonFields.text(entry, "user_name"),
                    JsonFields.text(entry, "project_name"), JsonFields.text(entry, "client_address"),
                    JsonFields.text(entry, "request_id"));
        }
        output.print(out(), listing);
        String next = JsonFields.text(page, "next_marker");
        if (next != null) {
            err().println("More entries: --marker " + next);
            err().flush();
        }
        return 0;
    }

    private String instant(String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value).toString();
        } catch (DateTimeParseException notAnInstant) {
            try {
                return now().minus(new DurationConverter().convert(value)).toString();
            } catch (CommandLine.TypeConversionException notADuration) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        option + ": '" + value + "' is neither an ISO-8601 time nor a duration like 2h");
            }
        }
    }
}
