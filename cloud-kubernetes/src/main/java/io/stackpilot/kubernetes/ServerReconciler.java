package io.stackpilot.kubernetes;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerService;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.error.InvalidRequestException;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.error.QuotaExceededException;
import io.stackpilot.core.error.StackpilotException;
import io.stackpilot.core.error.UnauthenticatedException;
import io.stackpilot.core.error.UpstreamException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.managed.ApplyRequest;
import io.stackpilot.core.managed.ImportRequest;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.ManagedServerEvent;
import io.stackpilot.core.managed.ManagedServerService;
import io.stackpilot.core.managed.ServerImporter;
import io.stackpilot.kubernetes.crd.ServerResource;
import io.stackpilot.kubernetes.crd.ServerSpec;
import io.stackpilot.kubernetes.crd.ServerStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Brings one Server custom resource and its managed server together, the way the HTTP API would: the spec is
 * applied (or the VM imported) in the cloudRef's project through the core's use cases, the engine's status and
 * events are written back as the CR's status and Kubernetes Events, and a finalizer makes deletion wait for the VM.
 * Never calls the cloud to change anything itself. Thread-safe when each object is reconciled by one thread at a
 * time (the controller's queue guarantees it).
 */
final class ServerReconciler {
    static final String FINALIZER = "stackpilot.io/server";
    private static final int EVENT_PAGE = 50;

    private final ManagedServerService managedServers;
    private final ServerImporter importer;
    private final ServerService servers;
    private final CloudSessions sessions;
    private final KubernetesObjects cluster;
    private final Location location;

    ServerReconciler(ManagedServerService managedServers, ServerImporter importer, ServerService servers,
                     CloudSessions sessions, KubernetesObjects cluster, Location location) {
        this.managedServers = managedServers;
        this.importer = importer;
        this.servers = servers;
        this.sessions = sessions;
        this.cluster = cluster;
        this.location = location;
    }

    /** One pass over the Server; safe to repeat (every step is idempotent). */
    void reconcile(ServerResource server) {
        if (server.getMetadata().getDeletionTimestamp() != null) {
            finalizeDeletion(server);
            return;
        }
        ServerSpec spec = server.getSpec();
        List<String> problems = problems(server);
        if (!problems.isEmpty()) {
            writeFailure(server, "False", "InvalidSpec", String.join("; ", problems));
            return;
        }
        if (!server.hasFinalizer(FINALIZER)) {
            cluster.addFinalizer(server, FINALIZER);
        }
        Session session;
        try {
            session = sessions.sessionFor(namespace(server), spec.cloudRef());
        } catch (CloudRefException unusable) {
            writeFailure(server, "False", unusable.reason(), unusable.getMessage());
            return;
        } catch (StackpilotException failed) {
            writeFailure(server, statusOf(failed), "Login" + reasonOf(failed), failed.getMessage());
            return;
        }
        ManagedServer resource;
        try {
            resource = ensure(session, server);
        } catch (NameTakenException taken) {
            writeFailure(server, "False", "NameTaken", taken.getMessage());
            return;
        } catch (InvalidRequestException invalid) {
            writeFailure(server, "False", "InvalidSpec", describe(invalid));
            return;
        } catch (StackpilotException failed) {
            writeFailure(server, statusOf(failed), reasonOf(failed), failed.getMessage());
            return;
        }
        String lastEvent = publishEvents(session, server, resource);
        write(server, StatusMapping.of(resource, server.getMetadata().getGeneration(), lastEvent));
    }

    private ManagedServer ensure(Session session, ServerResource server) {
        String name = server.getMetadata().getName();
        ServerStatus old = server.getStatus();
        String knownId = old == null ? null : old.managedServerID();
        boolean specSeen = old != null && Objects.equals(old.observedGeneration(), server.getMetadata().getGeneration());
        ManagedServer existing = find(session, name);
        if (existing != null && knownId == null && createdBefore(existing, server)) {
            throw new NameTakenException("a managed server named " + name + " already exists in project "
                    + session.project().id() + " and was not created for this Server");
        }
        if (existing != null && specSeen && existing.id().toString().equals(knownId)) {
            return existing;
        }
        ServerSpec spec = server.getSpec();
        if (spec.importFrom() != null) {
            return existing != null ? existing : importServer(session, name, spec);
        }
        return managedServers.apply(session, name, new ApplyRequest(spec.flavor(), spec.image(), spec.networks(),
                spec.preemptible(), Boolean.TRUE, spec.reconcile(), spec.updatePolicy(), null)).server();
    }

    private ManagedServer importServer(Session session, String name, ServerSpec spec) {
        String serverId = spec.importFrom().id();
        if (serverId == null) {
            String wanted = spec.importFrom().filter().name();
            List<Server> matches = servers.list(session, new ServerQuery(null, wanted, null, null, false, null))
                    .items().stream().filter(candidate -> candidate.name().equals(wanted)).toList();
            if (matches.size() != 1) {
                throw InvalidRequestException.of("spec.import.filter.name", matches.isEmpty()
                        ? "no VM named " + wanted + " in project " + session.project().id()
                        : matches.size() + " VMs are named " + wanted + ": import one by id");
            }
            serverId = matches.get(0).id().value();
        }
        return importer.importServers(session, new ImportRequest(serverId, name, null, spec.managed())).get(0);
    }

    private void finalizeDeletion(ServerResource server) {
        if (!server.hasFinalizer(FINALIZER)) {
            return;
        }
        ServerStatus old = server.getStatus();
        String knownId = old == null ? null : old.managedServerID();
        if (knownId == null || server.getSpec() == null || server.getSpec().cloudRef() == null) {
            cluster.removeFinalizer(server, FINALIZER);
            return;
        }
        Session session;
        try {
            session = sessions.sessionFor(namespace(server), server.getSpec().cloudRef());
        } catch (CloudRefException | StackpilotException failed) {
            String reason = failed instanceof CloudRefException unusable ? unusable.reason() : "LoginFailed";
            writeFailure(server, "Unknown", reason, "cannot delete the VM: " + failed.getMessage());
            return;
        }
        String name = server.getMetadata().getName();
        ManagedServer existing = find(session, name);
        if (existing == null || !existing.id().toString().equals(knownId)) {
            cluster.removeFinalizer(server, FINALIZER);
            return;
        }
        ManagedServer deleting = managedServers.delete(session, name);
        if (!deleting.managed()) {
            cluster.event(server, false, "Released", "unmanaged: the VM " + deleting.status().serverId()
                    + " is left in the cloud");
            cluster.removeFinalizer(server, FINALIZER);
            return;
        }
        String lastEvent = publishEvents(session, server, deleting);
        write(server, StatusMapping.of(deleting, server.getMetadata().getGeneration(), lastEvent));
    }

    private ManagedServer find(Session session, String name) {
        try {
            return managedServers.get(session, name);
        } catch (NotFoundException absent) {
            return null;
        }
    }

    /** Publishes the engine's events newer than the status's lastEventTime, oldest first; returns the newest time. */
    private String publishEvents(Session session, ServerResource server, ManagedServer resource) {
        ServerStatus old = server.getStatus();
        Instant seen = old == null || old.lastEventTime() == null ? Instant.EPOCH : Instant.parse(old.lastEventTime());
        List<ManagedServerEvent> fresh;
        try {
            fresh = managedServers.events(session, resource.name(), EVENT_PAGE).stream()
                    .filter(event -> event.at().isAfter(seen))
                    .sorted(Comparator.comparing(ManagedServerEvent::at)).toList();
        } catch (NotFoundException gone) {
            return old == null ? null : old.lastEventTime();
        }
        for (ManagedServerEvent event : fresh) {
            cluster.event(server, isWarning(event), event.reason(), event.message());
        }
        return fresh.isEmpty() ? (old == null ? null : old.lastEventTime()) : fresh.get(fresh.size() - 1).at().toString();
    }

    static boolean isWarning(ManagedServerEvent event) {
        return List.of("Failed", "Retrying", "EnqueuedReplace").contains(event.reason())
                || event.message().contains("out of band");
    }

    private List<String> problems(ServerResource server) {
        List<String> problems = new ArrayList<>();
        ServerSpec spec = server.getSpec();
        String name = server.getMetadata().getName();
        if (!ManagedServer.NAME.matcher(name).matches()) {
            problems.add("metadata.name must be a DNS label (a-z, 0-9, '-', at most 63 characters)");
        }
        if (spec == null || spec.cloudRef() == null || spec.cloudRef().secretName() == null) {
            problems.add("spec.cloudRef.secretName is required");
            return problems;
        }
        if (spec.location() != null && !spec.location().equals(location.cloud())
                && !spec.location().equals(location.cloud() + "/" + location.region())) {
            problems.add("spec.location " + spec.location() + " is not served by this controller (it serves "
                    + location.cloud() + "/" + location.region() + ")");
        }
        if (spec.importFrom() == null) {
            if (!spec.managed()) {
                problems.add("managementPolicy unmanaged needs spec.import (an unmanaged Server observes a VM)");
            }
            if (spec.flavor() == null || spec.image() == null) {
                problems.add("spec.flavor and spec.image are required unless spec.import is given");
            }
        } else if ((spec.importFrom().id() == null) == (spec.importFrom().filter() == null
                || spec.importFrom().filter().name() == null)) {
            problems.add("spec.import needs exactly one of id and filter.name");
        }
        return problems;
    }

    private void writeFailure(ServerResource server, String status, String reason, String message) {
        ServerStatus old = server.getStatus();
        write(server, StatusMapping.failure(old, server.getMetadata().getGeneration(), status, reason, message));
    }

    private void write(ServerResource server, ServerStatus next) {
        ServerStatus merged = StatusMapping.keepTransitionTimes(server.getStatus(), next);
        if (!merged.equals(server.getStatus())) {
            cluster.writeStatus(server, merged);
        }
    }

    private static boolean createdBefore(ManagedServer resource, ServerResource server) {
        String created = server.getMetadata().getCreationTimestamp();
        return created != null && resource.createdAt().isBefore(Instant.parse(created));
    }

    private static String namespace(ServerResource server) {
        return server.getMetadata().getNamespace();
    }

    static String describe(InvalidRequestException invalid) {
        return invalid.problems().stream().map(problem -> problem.field() + ": " + problem.message())
                .collect(Collectors.joining("; "));
    }

    /** Upstream faults are transient (Unknown); everything else is the spec's or the account's (False). */
    private static String statusOf(StackpilotException failed) {
        return failed instanceof UpstreamException ? "Unknown" : "False";
    }

    private static String reasonOf(StackpilotException failed) {
        if (failed instanceof UnauthenticatedException) {
            return "Unauthenticated";
        } else if (failed instanceof ForbiddenException) {
            return "Forbidden";
        } else if (failed instanceof ConflictException) {
            return "Conflict";
        } else if (failed instanceof NotFoundException) {
            return "NotFound";
        } else if (failed instanceof QuotaExceededException) {
            return "QuotaExceeded";
        } else if (failed instanceof UpstreamException) {
            return "CloudUnavailable";
        }
        return "Failed";
    }

    /** The Server's name is a managed server that another owner declared in the same project. */
    static final class NameTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NameTakenException(String message) {
            super(message);
        }
    }
}
