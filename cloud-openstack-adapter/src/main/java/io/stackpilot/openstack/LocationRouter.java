package io.stackpilot.openstack;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.common.Page;
import io.stackpilot.core.compute.BootRequest;
import io.stackpilot.core.compute.ComputeGateway;
import io.stackpilot.core.compute.ComputeLimits;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerAction;
import io.stackpilot.core.compute.ServerControlGateway;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerQuery;
import io.stackpilot.core.compute.ServerUsage;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.image.Image;
import io.stackpilot.core.image.ImageGateway;
import io.stackpilot.core.network.Network;
import io.stackpilot.core.network.NetworkGateway;
import io.stackpilot.core.network.NetworkQuota;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Compute, image and network gateways that send each call to the cloud of its session's location: the identity
 * cloud for its own location (callers' tokens and the engine's owner-project sessions, as before locations), a
 * configured location's cloud for a session of that location ({@link OpenStackLocations#serviceSession}). A session
 * of a location that is neither is refused with {@link NotFoundException}, never sent to another cloud. Thread-safe.
 */
public final class LocationRouter {
    private final OpenStackCloud identityCloud;
    private final OpenStackLocations locations;
    private final Routed routed = new Routed();

    public LocationRouter(OpenStackCloud identityCloud, OpenStackLocations locations) {
        this.identityCloud = identityCloud;
        this.locations = locations;
    }

    public ComputeGateway compute() {
        return routed;
    }

    public ServerControlGateway serverControl() {
        return routed;
    }

    public ImageGateway images() {
        return routed;
    }

    public NetworkGateway networks() {
        return routed;
    }

    /** The cloud that serves the session's location. */
    OpenStackCloud cloudFor(Session session) {
        Location location = session.location();
        if (location.equals(identityCloud.location())) {
            return identityCloud;
        }
        return locations.find(location).orElseThrow(() -> new NotFoundException("location",
                location.cloud() + "/" + location.region()));
    }

    private final class Routed implements ComputeGateway, ServerControlGateway, ImageGateway, NetworkGateway {
        @Override
        public List<Flavor> listFlavors(Session session) {
            return cloudFor(session).compute().listFlavors(session);
        }

        @Override
        public Optional<Flavor> findFlavor(Session session, String id) {
            return cloudFor(session).compute().findFlavor(session, id);
        }

        @Override
        public Page<Server> listServers(Session session, ServerQuery query) {
            return cloudFor(session).compute().listServers(session, query);
        }

        @Override
        public Optional<Server> findServer(Session session, ServerId id) {
            return cloudFor(session).compute().findServer(session, id);
        }

        @Override
        public Server boot(Session session, BootRequest request) {
            return cloudFor(session).compute().boot(session, request);
        }

        @Override
        public void delete(Session session, ServerId id) {
            cloudFor(session).compute().delete(session, id);
        }

        @Override
        public ComputeLimits limits(Session session) {
            return cloudFor(session).compute().limits(session);
        }

        @Override
        public List<ServerUsage> usage(Session session, Instant start, Instant end) {
            return cloudFor(session).compute().usage(session, start, end);
        }

        @Override
        public void act(Session session, ServerId id, ServerAction action) {
            cloudFor(session).serverControl().act(session, id, action);
        }

        @Override
        public String consoleLog(Session session, ServerId id, Integer lines) {
            return cloudFor(session).serverControl().consoleLog(session, id, lines);
        }

        @Override
        public List<Image> listImages(Session session) {
            return cloudFor(session).images().listImages(session);
        }

        @Override
        public Optional<Image> findImage(Session session, String id) {
            return cloudFor(session).images().findImage(session, id);
        }

        @Override
        public List<Network> listNetworks(Session session) {
            return cloudFor(session).networks().listNetworks(session);
        }

        @Override
        public NetworkQuota quota(Session session) {
            return cloudFor(session).networks().quota(session);
        }
    }
}
