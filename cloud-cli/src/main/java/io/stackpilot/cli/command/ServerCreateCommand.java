package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackpilot.cli.http.ApiClient;
import io.stackpilot.cli.http.JsonTrees;
import io.stackpilot.cli.output.OutputOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code stackpilot server create NAME}: resolves flavor, image and networks, then {@code POST /api/v1/servers}.
 * With {@code --wait} it polls until ACTIVE (progress on stderr) and shows the final server. With
 * {@code --floating-ip} the daemon gives the server a floating IP once it is ACTIVE (the API's {@code floating_ip});
 * the command waits for that as well, so that the address is in the answer.
 */
@Command(name = "create", description = "Launch a server.")
public final class ServerCreateCommand extends BaseCommand {

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "NAME", description = "The new server's name.")
    String name;

    @Option(names = "--flavor", required = true, paramLabel = "FLAVOR", description = "Flavor ID or name.")
    String flavor;

    @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "Image ID or name.")
    String image;

    @Option(names = "--network", required = true, paramLabel = "NETWORK",
            description = "Network ID or name (repeatable).")
    List<String> networks;

    @Option(names = "--preemptible", description = "May be stopped to make room for others.")
    boolean preemptible;

    @Option(names = "--key-name", paramLabel = "KEY", description = "Name of an SSH key pair to inject.")
    String keyName;

    @Option(names = "--security-group", paramLabel = "GROUP",
            description = "Security group ID or name (repeatable; default: the project's default group).")
    List<String> securityGroups;

    @Option(names = "--floating-ip", description = "Once ACTIVE, the daemon allocates a floating IP and associates "
            + "it, also if this command is interrupted; waits for that, as --wait does (see operation list).")
    boolean floatingIp;

    @Option(names = "--floating-network", paramLabel = "NETWORK", description = "External network ID or name of "
            + "the floating IP (implies --floating-ip; default: the only external network).")
    String floatingNetwork;

    @Option(names = "--user-data", paramLabel = "FILE", description = "File with user data (cloud-init).")
    Path userData;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "Repeat-safe key: the same key within 24 h returns the first server, creates nothing.")
    String idempotencyKey;

    @Mixin
    WaitOptions wait;

    @Override
    public Integer call() {
        String userDataText = userData == null ? null : readUserData();
        ApiClient api = api();
        Resolver resolver = new Resolver(api);
        ObjectNode body = JsonTrees.object();
        body.put("name", name);
        body.put("flavor_id", resolver.flavorId(flavor));
        body.put("image_id", resolver.imageId(image));
        ArrayNode networkIds = body.putArray("network_ids");
        networks.forEach(network -> networkIds.add(resolver.networkId(network)));
        body.put("preemptible", preemptible);
        if (keyName != null) {
            body.put("key_name", keyName);
        }
        if (userDataText != null) {
            body.put("user_data", userDataText);
        }
        if (securityGroups != null) {
            ArrayNode groups = body.putArray("security_groups");
            securityGroups.forEach(group -> groups.add(resolver.securityGroupId(group)));
        }
        boolean wantsFloatingIp = floatingIp || floatingNetwork != null;
        if (floatingNetwork != null) {
            body.putObject("floating_ip").put("network", resolver.networkId(floatingNetwork));
        } else if (floatingIp) {
            body.put("floating_ip", true);
        }
        JsonNode server = api.post("/api/v1/servers", body,
                idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey)).body();
        if (wait.enabled() || wantsFloatingIp) {
            ServerWaiter waiter = new ServerWaiter(api, err(), wait.pollInterval(), wait.timeout());
            server = waiter.untilActive(JsonFields.text(server, "id"), name);
            if (wantsFloatingIp) {
                server = waiter.untilFloatingIp(JsonFields.text(server, "id"), name);
            }
        }
        output.print(out(), ServerViews.details(server));
        return 0;
    }

    private String readUserData() {
        try {
            return Files.readString(userData, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--user-data: cannot read " + userData
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Shared by create and delete: {@code --wait}, {@code --timeout} and the hidden poll interval. */
    public static final class WaitOptions {
        @Option(names = "--wait", description = "Wait until the operation is done, showing progress on stderr.")
        boolean enabled;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
                converter = DurationConverter.class,
                description = "Give up waiting after this long (e.g. 90s, 5m; default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "2s", hidden = true,
                converter = DurationConverter.class)
        Duration pollInterval;

        boolean enabled() {
            return enabled;
        }

        Duration timeout() {
            return timeout;
        }

        Duration pollInterval() {
            return pollInterval;
        }
    }
}
