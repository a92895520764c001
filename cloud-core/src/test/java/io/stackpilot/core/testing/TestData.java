package io.stackpilot.core.testing;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.compute.ResourceRef;
import io.stackpilot.core.compute.Server;
import io.stackpilot.core.compute.ServerId;
import io.stackpilot.core.compute.ServerStatus;
import io.stackpilot.core.identity.DomainRef;
import io.stackpilot.core.identity.Principal;
import io.stackpilot.core.identity.ProjectRef;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.identity.UserRef;
import io.stackpilot.core.image.Image;
import io.stackpilot.core.network.Network;
import io.stackpilot.core.network.Subnet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Test-data factories shaped like the project's OpenStack lab (deploy/openstack-lab): the same domains, projects,
 * users, passwords, flavors, images and networks, with fixed ids so tests can name them.
 */
public final class TestData {
    public static final Location LOCATION = Location.DEFAULT;
    public static final DomainRef DEFAULT_DOMAIN = new DomainRef("default", "Default");
    public static final DomainRef PARTNER_DOMAIN = new DomainRef("partner-domain-id", "partner");

    public static final ProjectRef DEMO = new ProjectRef("demo-project-id", "demo", DEFAULT_DOMAIN);
    public static final ProjectRef ALT_DEMO = new ProjectRef("alt-demo-project-id", "alt-demo", DEFAULT_DOMAIN);
    public static final ProjectRef ADMIN_PROJECT = new ProjectRef("admin-project-id", "admin", DEFAULT_DOMAIN);
    public static final ProjectRef PARTNER_A = new ProjectRef("partner-a-project-id", "partner-a", PARTNER_DOMAIN);

    public static final Instant TOKEN_EXPIRY = Instant.parse("2100-01-01T00:00:00Z");

    public static final String PRIVATE_NETWORK_ID = "private-net-id";
    public static final String PUBLIC_NETWORK_ID = "public-net-id";
    public static final String CIRROS_IMAGE_ID = "cirros-image-id";

    private TestData() {
    }

    public static Principal member(String userName, ProjectRef project) {
        return Principal.projectScoped(new UserRef(userName + "-user-id", userName, DEFAULT_DOMAIN), project,
                Set.of("member", "reader"), TOKEN_EXPIRY);
    }

    public static Principal admin() {
        return Principal.projectScoped(new UserRef("admin-user-id", "admin", DEFAULT_DOMAIN), ADMIN_PROJECT,
                Set.of("admin", "member", "reader"), TOKEN_EXPIRY);
    }

    /** The lab's admin user scoped to another project, where it also holds the admin role (lab: demo). */
    public static Principal adminIn(ProjectRef project) {
        return Principal.projectScoped(new UserRef("admin-user-id", "admin", DEFAULT_DOMAIN), project,
                Set.of("admin", "member", "reader"), TOKEN_EXPIRY);
    }

    public static Principal demo() {
        return member("demo", DEMO);
    }

    public static Principal altDemo() {
        return member("alt-demo", ALT_DEMO);
    }

    public static Principal partner() {
        return Principal.projectScoped(new UserRef("partner-user-id", "partner-user", PARTNER_DOMAIN), PARTNER_A,
                Set.of("member"), TOKEN_EXPIRY);
    }

    public static Session session(Principal principal) {
        return new Session("token-of-" + principal.user().name(), principal, LOCATION);
    }

    public static Flavor flavor(String id, String name, int vcpus, int ramMb, int diskGb) {
        return new Flavor(id, name, vcpus, ramMb, diskGb, 0, true, LOCATION);
    }

    public static Server server(String name, ProjectRef project, ServerStatus status, Instant createdAt) {
        return new Server(new ServerId(UUID.randomUUID().toString()), name, status, List.of(),
                new ResourceRef("1", "m1.tiny"), new ResourceRef(CIRROS_IMAGE_ID, "cirros-0.6-lab"), project.id(),
                createdAt, false, Map.of(), LOCATION);
    }

    /** Fills a fake cloud with the lab's content; every user's password is "demo" ("admin" for admin). */
    static void populate(FakeCloud cloud) {
        cloud.addUser("admin", "admin", admin())
                .addUser("demo", "demo", demo())
                .addUser("alt-demo", "demo", altDemo())
                .addUser("partner-user", "demo", partner())
                .addFlavor(flavor("1", "m1.tiny", 1, 512, 1))
                .addFlavor(flavor("2", "m1.small", 1, 2048, 20))
                .addFlavor(flavor("3", "m1.medium", 2, 4096, 40))
                .addFlavor(flavor("4", "m1.large", 4, 8192, 80))
                .addImage(new Image(CIRROS_IMAGE_ID, "cirros-0.6-lab", "active", "public", "raw", 0, 0, 65536L,
                        LOCATION))
                .addNetwork(new Network(PUBLIC_NETWORK_ID, "public", "ACTIVE", true, true,
                        List.of(new Subnet("public-subnet-id", "203.0.113.0/24", 4)), LOCATION))
                .addNetwork(new Network(PRIVATE_NETWORK_ID, "private", "ACTIVE", false, false,
                        List.of(new Subnet("private-subnet-id", "10.0.0.0/24", 4),
                                new Subnet("private-subnet-v6-id", "fd00:10::/64", 6)), LOCATION));
    }
}
