package io.stackpilot.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.cli.CliException;
import io.stackpilot.cli.http.ApiClient;
import java.util.Map;

/** A floating IP named by its ID or by its address (then looked up in the project's list). */
final class FloatingIpIds {
    private FloatingIpIds() {
    }

    static String resolve(ApiClient api, String idOrAddress) {
        if (!idOrAddress.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:]*")) {
            return idOrAddress;
        }
        for (JsonNode ip : api.get("/api/v1/floating-ips", Map.of()).path("floating_ips")) {
            if (idOrAddress.equals(JsonFields.text(ip, "ip"))) {
                return JsonFields.text(ip, "id");
            }
        }
        throw CliException.notFound("no floating IP with the address " + idOrAddress);
    }
}
