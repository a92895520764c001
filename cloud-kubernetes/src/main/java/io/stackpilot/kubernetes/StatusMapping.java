package io.stackpilot.kubernetes;

import io.stackpilot.core.compute.Address;
import io.stackpilot.core.managed.Condition;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.ManagedServerStatus;
import io.stackpilot.core.managed.Phase;
import io.stackpilot.kubernetes.crd.ServerStatus;
import io.stackpilot.kubernetes.crd.ServerStatus.AddressStatus;
import io.stackpilot.kubernetes.crd.ServerStatus.ConditionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The engine's view of a managed server as a Server's status, and the failure statuses the controller writes. */
final class StatusMapping {
    static final String READY = "Ready";

    private StatusMapping() {
    }

    static ServerStatus of(ManagedServer resource, Long generation, String lastEventTime) {
        ManagedServerStatus status = resource.status();
        List<AddressStatus> addresses = status.addresses().stream().map(StatusMapping::address).toList();
        List<ConditionStatus> conditions = new ArrayList<>(status.conditions().stream()
                .map(condition -> condition(condition)).toList());
        if (conditions.stream().noneMatch(condition -> READY.equals(condition.type()))) {
            // An unmanaged (observed) server has no Ready condition of the engine's: its phase says it.
            conditions.add(new ConditionStatus(READY, status.phase() == Phase.READY ? "True" : "False",
                    status.phase().wireName(), "the engine reports phase " + status.phase().wireName(), null));
        }
        if (!resource.reconcile() && resource.managed()) {
            conditions.add(new ConditionStatus("Reconcile", "False", "ReconcileDisabled",
                    "reconcile is false: a VM that disappears or fails is not recreated", null));
        }
        String location = status.location() == null ? null
                : status.location().cloud() + "/" + status.location().region();
        return new ServerStatus(status.phase().wireName(), status.serverId(),
                status.serverStatus() == null ? null : status.serverStatus().name(), addresses,
                addresses.isEmpty() ? null : addresses.stream().map(AddressStatus::ip).collect(Collectors.joining(",")),
                location, conditions, generation, resource.id().toString(), lastEventTime);
    }

    /** The old status with its Ready condition replaced; the phase becomes Failed when there was none. */
    static ServerStatus failure(ServerStatus old, Long generation, String status, String reason, String message) {
        List<ConditionStatus> conditions = new ArrayList<>();
        if (old != null) {
            old.conditions().stream().filter(condition -> !READY.equals(condition.type())).forEach(conditions::add);
        }
        conditions.add(0, new ConditionStatus(READY, status, reason, message, null));
        if (old == null) {
            return new ServerStatus("Failed", null, null, List.of(), null, null, conditions, generation, null, null);
        }
        return new ServerStatus(old.phase() == null ? "Failed" : old.phase(), old.serverID(), old.serverStatus(),
                old.addresses(), old.addressSummary(), old.location(), conditions,
                "Unknown".equals(status) ? old.observedGeneration() : generation, old.managedServerID(),
                old.lastEventTime());
    }

    /**
     * Conditions keep their lastTransitionTime while their status stays the same (as Kubernetes does), so that a
     * pass that changes nothing writes nothing; a new or changed condition gets the time now.
     */
    static ServerStatus keepTransitionTimes(ServerStatus old, ServerStatus next) {
        List<ConditionStatus> merged = next.conditions().stream().map(condition -> {
            ConditionStatus before = old == null ? null : old.conditions().stream()
                    .filter(candidate -> candidate.type().equals(condition.type())).findFirst().orElse(null);
            String at = before != null && before.status().equals(condition.status())
                    ? before.lastTransitionTime()
                    : condition.lastTransitionTime() != null ? condition.lastTransitionTime()
                    : java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            return new ConditionStatus(condition.type(), condition.status(), condition.reason(), condition.message(),
                    at);
        }).toList();
        return new ServerStatus(next.phase(), next.serverID(), next.serverStatus(), next.addresses(),
                next.addressSummary(), next.location(), merged, next.observedGeneration(), next.managedServerID(),
                next.lastEventTime());
    }

    private static AddressStatus address(Address address) {
        return new AddressStatus(address.network(), address.ip(), address.version(),
                address.type() == null ? null : address.type().name().toLowerCase(Locale.ROOT));
    }

    private static ConditionStatus condition(Condition condition) {
        return new ConditionStatus(condition.type(), condition.status() ? "True" : "False", condition.reason(),
                condition.message(), null);
    }
}
