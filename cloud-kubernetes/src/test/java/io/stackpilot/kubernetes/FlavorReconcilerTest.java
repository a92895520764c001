package io.stackpilot.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.error.UpstreamUnavailableException;
import io.stackpilot.core.flavor.ClusterLock;
import io.stackpilot.core.flavor.FlavorAdminGateway;
import io.stackpilot.core.flavor.FlavorInitializer;
import io.stackpilot.core.flavor.FlavorShape;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.testing.MutableClock;
import io.stackpilot.core.testing.TestData;
import io.stackpilot.kubernetes.crd.FlavorResource;
import io.stackpilot.kubernetes.crd.FlavorSpec;
import io.stackpilot.kubernetes.crd.ServerStatus.ConditionStatus;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class FlavorReconcilerTest {
    private final MutableClock clock = MutableClock.at("2026-12-02T01:00:00Z");
    private final Flavors cloud = new Flavors();
    private final FakeResourceWrites cluster = new FakeResourceWrites();
    private final FlavorReconciler reconciler = new FlavorReconciler(new FlavorInitializer(cloud, new NoLock()),
            () -> TestData.session(TestData.demo()), cluster, clock);

    @Test
    void a_missing_flavor_is_created_once_however_often_the_object_is_reconciled() {
        FlavorResource flavor = flavor("standard", null, 1, 2048, 20);

        reconciler.reconcile(flavor);
        reconciler.reconcile(flavor);
        reconciler.reconcile(copyOf(flavor));

        assertThat(cloud.created).containsExactly("standard");
        assertThat(flavor.getStatus().phase()).isEqualTo("Ready");
        assertThat(flavor.getStatus().origin()).isEqualTo("Created");
        assertThat(flavor.getStatus().flavorID()).isEqualTo(cloud.flavors.get(0).id());
        assertThat(flavor.getStatus().observedGeneration()).isEqualTo(1L);
        assertThat(ready(flavor).status()).isEqualTo("True");
        assertThat(cluster.statusWrites).as("passes that change nothing write nothing").isEqualTo(1);
        assertThat(cluster.reasons()).containsExactly("Created");
    }

    @Test
    void a_flavor_of_that_name_and_shape_is_adopted_and_spec_name_overrides_the_object_name() {
        cloud.flavors.add(new Flavor("f-42", "m1.large-ish", 4, 8192, 40, 0, true, Location.DEFAULT));
        FlavorResource flavor = flavor("large", "m1.large-ish", 4, 8192, 40);

        reconciler.reconcile(flavor);

        assertThat(cloud.created).isEmpty();
        assertThat(flavor.getStatus().flavorID()).isEqualTo("f-42");
        assertThat(flavor.getStatus().origin()).isEqualTo("Adopted");
        assertThat(ready(flavor).reason()).isEqualTo("Adopted");
    }

    @Test
    void a_flavor_of_that_name_with_another_shape_is_left_alone_and_reported() {
        cloud.flavors.add(new Flavor("f-7", "standard", 2, 4096, 20, 0, true, Location.DEFAULT));
        FlavorResource flavor = flavor("standard", null, 1, 2048, 20);

        reconciler.reconcile(flavor);
        reconciler.reconcile(flavor);

        assertThat(cloud.created).isEmpty();
        assertThat(flavor.getStatus().phase()).isEqualTo("Conflict");
        assertThat(ready(flavor).status()).isEqualTo("False");
        assertThat(ready(flavor).reason()).isEqualTo("ShapeMismatch");
        assertThat(ready(flavor).message()).contains("2 vCPU", "left unchanged");
        assertThat(cluster.events).singleElement().satisfies(event -> {
            assertThat(event.warning()).isTrue();
            assertThat(event.reason()).isEqualTo("ShapeMismatch");
        });
    }

    @Test
    void a_created_flavor_deleted_out_of_band_is_created_again() {
        FlavorResource flavor = flavor("standard", null, 1, 2048, 20);
        reconciler.reconcile(flavor);
        String first = flavor.getStatus().flavorID();

        cloud.flavors.clear();
        reconciler.reconcile(flavor);

        assertThat(cloud.created).containsExactly("standard", "standard");
        assertThat(flavor.getStatus().flavorID()).isNotEqualTo(first);
        assertThat(flavor.getStatus().origin()).isEqualTo("Created");
    }

    @Test
    void without_the_admin_role_or_with_the_cloud_down_the_condition_says_so_and_nothing_is_created() {
        cloud.admin = false;
        FlavorResource flavor = flavor("standard", null, 1, 2048, 20);
        reconciler.reconcile(flavor);
        assertThat(ready(flavor).reason()).isEqualTo("Forbidden");
        assertThat(ready(flavor).status()).isEqualTo("False");
        assertThat(ready(flavor).message()).as("names the object, not the daemon's variable")
                .startsWith("Flavor standard: ").contains("admin role").doesNotContain("STACKPILOT_INIT_FLAVORS");

        cloud.admin = true;
        cloud.down = true;
        reconciler.reconcile(flavor);
        assertThat(ready(flavor).reason()).isEqualTo("CloudUnavailable");
        assertThat(ready(flavor).status()).isEqualTo("Unknown");
        assertThat(cloud.created).isEmpty();
    }

    @Test
    void an_invalid_name_or_a_deleted_object_touches_nothing_in_the_cloud() {
        FlavorResource invalid = flavor("bad", "-no", 1, 2048, 20);
        reconciler.reconcile(invalid);
        assertThat(ready(invalid).reason()).isEqualTo("InvalidSpec");

        FlavorResource deleted = flavor("gone", null, 1, 2048, 20);
        deleted.getMetadata().setDeletionTimestamp("2026-12-02T01:00:00Z");
        reconciler.reconcile(deleted);

        assertThat(deleted.getStatus()).isNull();
        assertThat(cloud.created).isEmpty();
        assertThat(cloud.lists).isEqualTo(0);
    }

    private static FlavorResource flavor(String name, String flavorName, int vcpus, int ram, int disk) {
        FlavorResource flavor = new FlavorResource();
        flavor.setMetadata(ReconcilerFixtures.metadata(name, null, Instant.parse("2026-12-02T00:59:00Z")));
        flavor.setSpec(new FlavorSpec(flavorName, vcpus, ram, disk, "Retain"));
        return flavor;
    }

    private static FlavorResource copyOf(FlavorResource flavor) {
        FlavorResource copy = flavor(flavor.getMetadata().getName(), flavor.getSpec().name(), flavor.getSpec().vcpus(),
                flavor.getSpec().ramMiB(), flavor.getSpec().diskGiB());
        copy.setStatus(flavor.getStatus());
        return copy;
    }

    private static ConditionStatus ready(FlavorResource flavor) {
        return ReconcilerFixtures.ready(flavor.getStatus().conditions());
    }

    /** A cloud's flavors as an admin sees them. */
    private static final class Flavors implements FlavorAdminGateway {
        final List<Flavor> flavors = new CopyOnWriteArrayList<>();
        final List<String> created = new CopyOnWriteArrayList<>();
        volatile boolean admin = true;
        volatile boolean down;
        volatile int lists;

        @Override
        public List<Flavor> listAllFlavors(Session session) {
            if (down) {
                throw new UpstreamUnavailableException("nova", "503 Service Unavailable", null, null);
            }
            lists++;
            return List.copyOf(flavors);
        }

        @Override
        public Flavor createFlavor(Session session, FlavorShape shape) {
            if (!admin) {
                throw new ForbiddenException("Policy doesn't allow os_compute_api:os-flavor-manage:create");
            }
            Flavor flavor = new Flavor("id-" + shape.name() + "-" + created.size(), shape.name(), shape.vcpus(),
                    shape.ramMb(), shape.diskGb(), 0, true, Location.DEFAULT);
            created.add(shape.name());
            flavors.add(flavor);
            return flavor;
        }
    }

    private static final class NoLock implements ClusterLock {
        @Override
        public <T> T whileHolding(String name, Supplier<T> work) {
            return work.get();
        }
    }
}
