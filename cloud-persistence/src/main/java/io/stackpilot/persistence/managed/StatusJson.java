package io.stackpilot.persistence.managed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.core.compute.Address;
import io.stackpilot.core.compute.AddressType;
import io.stackpilot.core.managed.Condition;
import io.stackpilot.core.placement.Placement;
import io.stackpilot.core.placement.PlacementStatus;
import io.stackpilot.core.placement.Tried;
import java.time.Instant;
import java.util.List;

/**
 * The jsonb columns of {@code managed_server}: addresses, conditions and the placement status. Our own small records with stable field
 * names, so that a rename in core does not change what is stored. Thread-safe.
 */
final class StatusJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    record AddressRow(String network, String ip, int version, String type, String mac) {
    }

    record ConditionRow(String type, boolean status, String reason, String message, String at) {
    }

    record TriedRow(String location, String reason, String at) {
    }

    record PlacementRow(String location, String strategy, List<TriedRow> tried) {
    }

    private StatusJson() {
    }

    static String addresses(List<Address> addresses) {
        return write(addresses.stream().map(a -> new AddressRow(a.network(), a.ip(), a.version(), a.type().name(),
                a.mac())).toList());
    }

    static List<Address> addresses(String json) {
        return read(json, new TypeReference<List<AddressRow>>() { }).stream()
                .map(a -> new Address(a.network(), a.ip(), a.version(), AddressType.valueOf(a.type()), a.mac()))
                .toList();
    }

    static String conditions(List<Condition> conditions) {
        return write(conditions.stream().map(c -> new ConditionRow(c.type(), c.status(), c.reason(), c.message(),
                c.at().toString())).toList());
    }

    static List<Condition> conditions(String json) {
        return read(json, new TypeReference<List<ConditionRow>>() { }).stream()
                .map(c -> new Condition(c.type(), c.status(), c.reason(), c.message(), Instant.parse(c.at())))
                .toList();
    }

    /** null for null (no placement). */
    static String placement(PlacementStatus placement) {
        return placement == null ? null : write(new PlacementRow(placement.location(),
                placement.strategy().wireName(), placement.tried().stream().map(t -> new TriedRow(t.location(),
                        t.reason(), t.at().toString())).toList()));
    }

    /** null for null (a row written before placement status existed, or without a placement). */
    static PlacementStatus placement(String json) {
        if (json == null) {
            return null;
        }
        PlacementRow row = read(json, new TypeReference<PlacementRow>() { });
        Placement.Strategy strategy = Placement.Strategy.parse(row.strategy());
        return new PlacementStatus(row.location(), strategy == null ? Placement.Strategy.FILL_FIRST : strategy,
                row.tried().stream().map(t -> new Tried(t.location(), t.reason(), Instant.parse(t.at()))).toList());
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write status JSON", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read status JSON", e);
        }
    }
}
