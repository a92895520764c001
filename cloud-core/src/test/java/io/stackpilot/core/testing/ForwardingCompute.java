package io.stackpilot.core.testing;

import io.stackpilot.core.common.Page;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerUsage;
import io.stackpilot.core.identity.Session;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A compute gateway that forwards every call; tests override the calls they want to change (e.g. a crash). */
public class ForwardingCompute implements ComputeGateway {
    private final ComputeGateway delegate;

    public ForwardingCompute(ComputeGateway delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<Flavor> listFlavors(Session session) {
        return delegate.listFlavors(session);
    }

    @Override
    public Page<Server> listServers(Session session, ServerQuery query) {
        return delegate.listServers(session, query);
    }

    @Override
    public Optional<Server> findServer(Session session, ServerId id) {
        return delegate.findServer(session, id);
    }

    @Override
    public Server boot(Session session, BootRequest request) {
        return delegate.boot(session, request);
    }

    @Override
    public void delete(Session session, ServerId id) {
        delegate.delete(session, id);
    }

    @Override
    public ComputeLimits limits(Session session) {
        return delegate.limits(session);
    }

    @Override
    public List<ServerUsage> usage(Session session, Instant start, Instant end) {
        return delegate.usage(session, start, end);
    }
}
