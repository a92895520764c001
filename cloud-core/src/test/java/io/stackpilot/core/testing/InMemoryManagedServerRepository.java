package io.stackpilot.core.testing;

import io.stackpilot.core.common.Page;
import io.stackpilot.core.error.ConflictException;
import io.stackpilot.core.managed.ManagedServer;
import io.stackpilot.core.managed.ManagedServerEvent;
import io.stackpilot.core.managed.ManagedServerRepository;
import io.stackpilot.core.managed.ManagedServerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** In-memory {@link ManagedServerRepository} for tests; same contract as the PostgreSQL one. Thread-safe. */
public final class InMemoryManagedServerRepository implements ManagedServerRepository {
    private record Row(ManagedServer server, Instant due, String holder, Instant claimUntil) {
    }

    private final Map<UUID, Row> rows = new LinkedHashMap<>();
    private final List<ManagedServerEvent> events = new ArrayList<>();

    @Override
    public synchronized ManagedServer insert(ManagedServer server) {
        for (Row row : rows.values()) {
            ManagedServer other = row.server();
            if (other.projectId().equals(server.projectId()) && other.name().equals(server.name())) {
                throw new ConflictException("managed server " + server.name() + " already exists");
            }
            if (other.projectId().equals(server.projectId()) && server.status().serverId() != null
                    && server.status().serverId().equals(other.status().serverId())) {
                throw new ConflictException("server " + server.status().serverId() + " is already imported");
            }
        }
        rows.put(server.id(), new Row(server, server.updatedAt(), null, null));
        return server;
    }

    @Override
    public synchronized Optional<ManagedServer> saveIntent(ManagedServer server) {
        Row row = rows.get(server.id());
        if (row == null) {
            return Optional.empty();
        }
        ManagedServer saved = new ManagedServer(server.id(), row.server().projectId(), row.server().name(),
                server.managed(), server.reconcile(), server.spec(), server.generation(), row.server().status(),
                row.server().createdAt(), server.updatedAt(), server.deletionRequestedAt(), row.server().scheduleId());
        Instant due = row.due().isBefore(server.updatedAt()) ? row.due() : server.updatedAt();
        rows.put(server.id(), new Row(saved, due, row.holder(), row.claimUntil()));
        return Optional.of(saved);
    }

    @Override
    public synchronized boolean saveStatus(UUID id, ManagedServerStatus status) {
        Row row = rows.get(id);
        if (row == null) {
            return false;
        }
        rows.put(id, new Row(row.server().withStatus(status), row.due(), row.holder(), row.claimUntil()));
        return true;
    }

    @Override
    public synchronized Optional<ManagedServer> find(String projectId, String name) {
        return rows.values().stream().map(Row::server)
                .filter(s -> s.projectId().equals(projectId) && s.name().equals(name)).findFirst();
    }

    @Override
    public synchronized Optional<ManagedServer> findById(UUID id) {
        return Optional.ofNullable(rows.get(id)).map(Row::server);
    }

    @Override
    public synchronized Optional<ManagedServer> findByServerId(String projectId, String serverId) {
        return rows.values().stream().map(Row::server).filter(s -> s.projectId().equals(projectId)
                && serverId.equals(s.status().serverId())).findFirst();
    }

    @Override
    public synchronized Page<ManagedServer> list(String projectId, int limit, String afterName) {
        List<ManagedServer> matching = rows.values().stream().map(Row::server)
                .filter(s -> s.projectId().equals(projectId))
                .filter(s -> afterName == null || s.name().compareTo(afterName) > 0)
                .sorted(Comparator.comparing(ManagedServer::name)).toList();
        List<ManagedServer> page = matching.subList(0, Math.min(limit, matching.size()));
        return new Page<>(page, matching.size() > limit ? page.getLast().name() : null);
    }

    @Override
    public synchronized boolean delete(UUID id) {
        events.removeIf(event -> event.managedServerId().equals(id));
        return rows.remove(id) != null;
    }

    @Override
    public synchronized List<ManagedServer> claimDue(String holder, Instant now, Duration lease, int limit) {
        List<Row> due = rows.values().stream()
                .filter(r -> !r.due().isAfter(now) && (r.claimUntil() == null || !r.claimUntil().isAfter(now)))
                .sorted(Comparator.comparing(Row::due)).limit(limit).toList();
        for (Row row : due) {
            // Due again when the claim ends (a takeover), unless dueBy asks for earlier while it is held.
            rows.put(row.server().id(), new Row(row.server(), now.plus(lease), holder, now.plus(lease)));
        }
        return due.stream().map(Row::server).toList();
    }

    @Override
    public synchronized void release(UUID id, String holder, Instant nextDue) {
        Row row = rows.get(id);
        if (row != null && Objects.equals(row.holder(), holder)) {
            boolean changedDuringClaim = row.due().isBefore(row.claimUntil());
            Instant due = changedDuringClaim && row.due().isBefore(nextDue) ? row.due() : nextDue;
            rows.put(id, new Row(row.server(), due, null, null));
        }
    }

    @Override
    public synchronized int saveStatusesAndRelease(String holder, Map<UUID, ManagedServerStatus> statuses,
                                                   Instant nextDue) {
        int written = 0;
        for (Map.Entry<UUID, ManagedServerStatus> status : statuses.entrySet()) {
            Row row = rows.get(status.getKey());
            if (row != null && Objects.equals(row.holder(), holder)) {
                rows.put(status.getKey(), new Row(row.server().withStatus(status.getValue()), row.due(), row.holder(),
                        row.claimUntil()));
                release(status.getKey(), holder, nextDue);
                written++;
            }
        }
        return written;
    }

    @Override
    public synchronized void dueBy(UUID id, Instant at) {
        Row row = rows.get(id);
        if (row != null && row.due().isAfter(at)) {
            rows.put(id, new Row(row.server(), at, row.holder(), row.claimUntil()));
        }
    }

    @Override
    public synchronized void appendEvent(ManagedServerEvent event) {
        if (rows.containsKey(event.managedServerId())) {
            events.add(event);
        }
    }

    @Override
    public synchronized List<ManagedServerEvent> events(UUID id, int limit) {
        List<ManagedServerEvent> mine = new ArrayList<>(events.stream()
                .filter(e -> e.managedServerId().equals(id)).toList());
        java.util.Collections.reverse(mine);
        return mine.stream().limit(limit).toList();
    }
}
