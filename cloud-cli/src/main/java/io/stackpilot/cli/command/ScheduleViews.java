package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.CliException;
import io.stackpilot.cli.ExitCodes;
import io.stackpilot.cli.http.ApiClient;
import io.stackpilot.cli.output.Details;
import io.stackpilot.cli.output.Listing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How a schedule's JSON reads in {@code schedule list}, {@code show} and {@code runs}; the {@code --days} syntax. */
final class ScheduleViews {
    static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    static final List<String> LIST_COLUMNS = List.of("Name", "Enabled", "Active", "Count", "Window", "Next Start",
            "Next End", "Servers");
    static final List<String> RUN_COLUMNS = List.of("Window Start", "Started At", "Wanted", "Made", "Ended At",
            "Removed", "Problems");

    private ScheduleViews() {
    }

    static String path(String nameOrId) {
        return "/api/v1/schedules/" + ApiClient.segment(nameOrId);
    }

    /** {@code mon-fri}, {@code sat,sun}, {@code mon-wed,fri}: the days in week order, each once. */
    static List<String> days(String spec) {
        boolean[] chosen = new boolean[DAYS.size()];
        for (String part : spec.toLowerCase(Locale.ROOT).split(",")) {
            String[] range = part.trim().split("-", -1);
            int first = DAYS.indexOf(range[0].trim());
            int last = range.length == 2 ? DAYS.indexOf(range[1].trim()) : first;
            if (range.length > 2 || first < 0 || last < 0 || last < first) {
                throw new CliException(ExitCodes.USAGE, "--days: \"" + part.trim() + "\" is not a day (mon .. sun) "
                        + "or a range of days such as mon-fri");
            }
            Arrays.fill(chosen, first, last + 1, true);
        }
        List<String> days = new ArrayList<>();
        for (int i = 0; i < chosen.length; i++) {
            if (chosen[i]) {
                days.add(DAYS.get(i));
            }
        }
        return days;
    }

    static String window(JsonNode window) {
        if (window.hasNonNull("from")) {
            return JsonFields.text(window, "from") + " .. " + JsonFields.text(window, "until");
        }
        List<String> days = new ArrayList<>();
        window.path("days").forEach(day -> days.add(day.asText()));
        return String.join(",", days) + " " + JsonFields.text(window, "start") + "-" + JsonFields.text(window, "end")
                + " " + JsonFields.text(window, "time_zone");
    }

    static Listing listing(JsonNode schedules) {
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode schedule : schedules) {
            rows.add(Arrays.asList(JsonFields.text(schedule, "name"), JsonFields.bool(schedule, "enabled"),
                    JsonFields.bool(schedule, "active"), JsonFields.number(schedule, "count"),
                    window(schedule.path("window")), JsonFields.text(schedule, "next_start"),
                    JsonFields.text(schedule, "next_end"), schedule.path("servers").size()));
        }
        return new Listing(LIST_COLUMNS, rows);
    }

    static Details details(JsonNode schedule) {
        List<String> servers = new ArrayList<>();
        schedule.path("servers").forEach(server -> servers.add(JsonFields.text(server, "name") + " ("
                + JsonFields.text(server, "phase") + ")"));
        List<String> networks = new ArrayList<>();
        schedule.path("networks").forEach(network -> networks.add(network.asText()));
        return Details.empty()
                .with("id", JsonFields.text(schedule, "id"))
                .with("name", JsonFields.text(schedule, "name"))
                .with("enabled", JsonFields.bool(schedule, "enabled"))
                .with("active", JsonFields.bool(schedule, "active"))
                .with("count", JsonFields.number(schedule, "count"))
                .with("window", window(schedule.path("window")))
                .with("next_start", JsonFields.text(schedule, "next_start"))
                .with("next_end", JsonFields.text(schedule, "next_end"))
                .with("flavor", JsonFields.text(schedule, "flavor"))
                .with("image", JsonFields.text(schedule, "image"))
                .with("networks", String.join(", ", networks))
                .with("preemptible", JsonFields.bool(schedule, "preemptible"))
                .with("servers", String.join(", ", servers))
                .with("deletion_requested_at", JsonFields.text(schedule, "deletion_requested_at"));
    }

    static Listing runs(JsonNode runs) {
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode run : runs) {
            List<String> problems = new ArrayList<>();
            run.path("problems").forEach(problem -> problems.add(problem.asText()));
            rows.add(Arrays.asList(JsonFields.text(run, "window_start"), JsonFields.text(run, "started_at"),
                    JsonFields.number(run, "servers_wanted"), JsonFields.number(run, "servers_made"),
                    JsonFields.text(run, "ended_at"), JsonFields.number(run, "servers_removed"),
                    String.join("; ", problems)));
        }
        return new Listing(RUN_COLUMNS, rows);
    }
}
