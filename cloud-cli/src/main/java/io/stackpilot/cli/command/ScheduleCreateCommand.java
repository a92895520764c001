package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackpilot.cli.http.JsonTrees;
import io.stackpilot.cli.output.OutputOptions;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stackpilot schedule create NAME --flavor F --image I --network N --count C} with a recurring window
 * ({@code --days mon-fri --start 08:00 --end 18:00 --time-zone Europe/Rome}) or a one-off one ({@code --from
 * --until}). The server checks everything and lists every problem at once.
 */
@Command(name = "create", description = "Create a peak-hour schedule.")
public final class ScheduleCreateCommand extends BaseCommand {

    @Parameters(paramLabel = "NAME", description = "The name: a DNS label of at most 59 characters; its servers "
            + "are named NAME-1 .. NAME-COUNT.")
    String name;

    @Option(names = "--flavor", required = true, paramLabel = "FLAVOR", description = "Flavor name or ID.")
    String flavor;

    @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "Image name or ID.")
    String image;

    @Option(names = "--network", required = true, paramLabel = "NETWORK",
            description = "Network name or ID (repeat for several).")
    List<String> networks;

    @Option(names = "--count", required = true, paramLabel = "COUNT",
            description = "Servers wanted while the window is open (1-100).")
    int count;

    @Option(names = "--preemptible", description = "The servers may be removed to make room for standard ones.")
    boolean preemptible;

    @ArgGroup(exclusive = true, multiplicity = "1")
    WindowOptions window;

    @Mixin
    OutputOptions output;

    /** Either a recurring window or a one-off one. */
    static final class WindowOptions {
        @ArgGroup(exclusive = false)
        Recurring recurring;

        @ArgGroup(exclusive = false)
        OneOff oneOff;
    }

    static final class Recurring {
        @Option(names = "--days", paramLabel = "DAYS", defaultValue = "mon-sun",
                description = "Days the window opens on: mon-fri, sat,sun, mon-wed,fri (default: every day).")
        String days;

        @Option(names = "--start", required = true, paramLabel = "HH:MM", description = "Opens at (wall clock).")
        String start;

        @Option(names = "--end", required = true, paramLabel = "HH:MM",
                description = "Closes at (wall clock); before --start: the window crosses midnight.")
        String end;

        @Option(names = "--time-zone", required = true, paramLabel = "ZONE",
                description = "IANA time zone of --start and --end, such as Europe/Rome.")
        String timeZone;
    }

    static final class OneOff {
        @Option(names = "--from", required = true, paramLabel = "INSTANT",
                description = "Opens once at this ISO-8601 instant, such as 2026-12-24T08:00:00Z.")
        String from;

        @Option(names = "--until", required = true, paramLabel = "INSTANT", description = "Closes at this instant.")
        String until;
    }

    @Override
    public Integer call() {
        ObjectNode body = JsonTrees.object();
        body.put("name", name);
        body.put("flavor", flavor);
        body.put("image", image);
        ArrayNode list = body.putArray("networks");
        networks.forEach(list::add);
        body.put("count", count);
        body.put("preemptible", preemptible);
        ObjectNode windowJson = body.putObject("window");
        if (window.oneOff != null) {
            windowJson.put("from", window.oneOff.from);
            windowJson.put("until", window.oneOff.until);
        } else {
            ArrayNode days = windowJson.putArray("days");
            ScheduleViews.days(window.recurring.days).forEach(days::add);
            windowJson.put("start", window.recurring.start);
            windowJson.put("end", window.recurring.end);
            windowJson.put("time_zone", window.recurring.timeZone);
        }
        output.print(out(), ScheduleViews.details(api().post("/api/v1/schedules", body, java.util.Map.of()).body()));
        return 0;
    }
}
