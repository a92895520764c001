package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackpilot.cli.http.ApiClient;
import io.stackpilot.cli.http.JsonTrees;
import io.stackpilot.cli.output.OutputOptions;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stackpilot managed-server apply NAME --flavor F --image I --network N... [--placement any|LOC,LOC
 * [--strategy S]]}: declares the server (PUT); the server resolves names (and checks the placement's locations)
 * and lists every problem at once. With {@code --wait}, waits until it is Ready.
 */
@Command(name = "apply", description = "Declare a managed server, or change its spec.")
public final class ManagedServerApplyCommand extends BaseCommand {

    @Parameters(paramLabel = "NAME", description = "The name: a DNS label, unique in your project.")
    String name;

    @Option(names = "--flavor", required = true, paramLabel = "FLAVOR", description = "Flavor name or ID.")
    String flavor;

    @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "Image name or ID.")
    String image;

    @Option(names = "--network", required = true, paramLabel = "NETWORK",
            description = "Network name or ID (repeat for several).")
    List<String> networks;

    @Option(names = "--preemptible", description = "May be removed to make room for standard servers.")
    boolean preemptible;

    @Option(names = "--no-reconcile", description = "Do not recreate the VM when it disappears or fails.")
    boolean noReconcile;

    @Option(names = "--update-policy", paramLabel = "POLICY", defaultValue = "manual",
            description = "manual (default: a flavor, image or network change marks it Drifted) or replace "
                    + "(the VM is replaced).")
    String updatePolicy;

    @Option(names = "--placement", paramLabel = "any|LOCATION,...", split = ",",
            description = "Where it may run: any (every configured location) or locations cloud/region in order "
                    + "(stackpilot location list). Default: your own cloud.")
    List<String> placement;

    @Option(names = "--strategy", paramLabel = "STRATEGY",
            description = "With --placement: fill-first (default: the first location with room) or spread (the "
                    + "emptiest).")
    String strategy;

    @Mixin
    ServerCreateCommand.WaitOptions wait;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        if (strategy != null && placement == null) {
            // it would be dropped: the strategy is a member of the placement, and there is none
            throw new CommandLine.ParameterException(spec.commandLine(), "--strategy needs --placement");
        }
        ObjectNode body = JsonTrees.object();
        body.put("flavor", flavor);
        body.put("image", image);
        ArrayNode list = body.putArray("networks");
        networks.forEach(list::add);
        body.put("preemptible", preemptible);
        body.put("managed", true);
        body.put("reconcile", !noReconcile);
        body.put("update_policy", updatePolicy);
        if (placement != null) {
            ObjectNode where = body.putObject("placement");
            if (placement.equals(List.of("any"))) {
                where.put("locations", "any");
            } else {
                ArrayNode locations = where.putArray("locations");
                placement.forEach(locations::add);
            }
            if (strategy != null) {
                where.put("strategy", strategy);
            }
        }
        ApiClient api = api();
        JsonNode resource = api.put(ManagedServerViews.path(name), body).body();
        if (wait.enabled()) {
            resource = new ManagedServerWaiter(api, err(), wait.pollInterval(), wait.timeout()).untilReady(name);
        }
        output.print(out(), ManagedServerViews.details(resource));
        return 0;
    }
}
