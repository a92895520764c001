package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.output.BarChart;
import io.stackpilot.cli.output.Listing;
import io.stackpilot.cli.output.OutputOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code stackpilot stats servers}: running servers per interval, oldest first. Without {@code -f} a text bar chart;
 * with {@code -f} the points as a listing (At, Running, Source).
 */
@Command(name = "servers", description = "Running servers per hour (a bar chart unless -f is given).")
public final class StatsServersCommand extends BaseCommand {
    private static final int BAR_WIDTH = 40;

    @Mixin
    OutputOptions output;

    @Option(names = "--points", paramLabel = "N", description = "How many points (default: the server's, 24).")
    Integer points;

    @Option(names = "--project-id", paramLabel = "ID", description = "Another project's stats (admin).")
    String projectId;

    @Option(names = "--all-projects", description = "Summed over all projects (admin).")
    boolean allProjects;

    @Option(names = "--location", paramLabel = "CLOUD/REGION",
            description = "One location's points (default: summed over the locations).")
    String location;

    @Override
    public Integer call() {
        if (projectId != null && allProjects) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--project-id and --all-projects are mutually exclusive");
        }
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("points", points);
        query.put("project_id", projectId);
        query.put("scope", allProjects ? "all" : null);
        query.put("location", location);
        JsonNode stats = api().get("/api/v1/stats/servers", query);

        Listing listing = Listing.of("At", "Running", "Source");
        List<String> labels = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        for (JsonNode point : stats.path("points")) {
            Number running = JsonFields.number(point, "running");
            listing = listing.withRow(JsonFields.text(point, "at"), running, JsonFields.text(point, "source"));
            labels.add(JsonFields.text(point, "at"));
            values.add(running == null ? null : running.intValue());
        }
        if (output.formatGiven()) {
            output.print(out(), listing);
        } else {
            String project = JsonFields.text(stats, "project_id");
            out().println("Running servers" + (allProjects ? " in all projects" : project == null ? ""
                    : " in project " + project) + (location == null ? "" : " in " + location)
                    + ", one point per " + JsonFields.text(stats, "interval")
                    + ", oldest first:");
            out().print(BarChart.render(labels, values, BAR_WIDTH));
            out().flush();
        }
        return 0;
    }
}
