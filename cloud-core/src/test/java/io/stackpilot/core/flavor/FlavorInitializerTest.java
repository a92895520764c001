package io.stackpilot.core.flavor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.core.common.Location;
import io.stackpilot.core.compute.Flavor;
import io.stackpilot.core.error.FieldProblem;
import io.stackpilot.core.error.ForbiddenException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.testing.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class FlavorInitializerTest {
    private final Session admin = TestData.session(TestData.demo());

    /** A cloud's flavors; slow to create, so that racing replicas would overlap without the lock. */
    private static final class Flavors implements FlavorAdminGateway {
        final List<Flavor> flavors = new CopyOnWriteArrayList<>();
        final List<String> created = new CopyOnWriteArrayList<>();
        boolean admin = true;
        boolean listForbidden;

        @Override
        public List<Flavor> listAllFlavors(Session session) {
            if (listForbidden) {
                throw new ForbiddenException("Policy doesn't allow os_compute_api:os-flavor-access");
            }
            return List.copyOf(flavors);
        }

        @Override
        public Flavor createFlavor(Session session, FlavorShape shape) {
            if (!admin) {
                throw new ForbiddenException("Policy doesn't allow os_compute_api:os-flavor-manage:create");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            Flavor flavor = new Flavor("id-" + shape.name() + "-" + created.size(), shape.name(), shape.vcpus(),
                    shape.ramMb(), shape.diskGb(), 0, true, Location.DEFAULT);
            created.add(shape.name());
            flavors.add(flavor);
            return flavor;
        }
    }

    private static final class LocalLock implements ClusterLock {
        private final ReentrantLock lock = new ReentrantLock();

        @Override
        public <T> T whileHolding(String name, Supplier<T> work) {
            lock.lock();
            try {
                return work.get();
            } finally {
                lock.unlock();
            }
        }
    }

    private static List<FlavorShape> parse(String value) {
        List<FieldProblem> problems = new ArrayList<>();
        List<FlavorShape> shapes = FlavorShape.parseAll(value, "STACKPILOT_INIT_FLAVORS", problems);
        assertThat(problems).isEmpty();
        return shapes;
    }

    @Test
    void true_means_standard_and_large_and_every_malformed_entry_is_reported() {
        assertThat(parse("true")).containsExactly(new FlavorShape("standard", 1, 2048, 20),
                new FlavorShape("large", 4, 8192, 40));
        assertThat(parse("false")).isEmpty();
        assertThat(parse(null)).isEmpty();
        List<FieldProblem> problems = new ArrayList<>();
        FlavorShape.parseAll("ok=1:512:1,small=1:512, big=x:1:1,huge=0:1:1,ok=2:1024:10", "STACKPILOT_INIT_FLAVORS",
                problems);
        assertThat(problems).hasSize(4).allSatisfy(problem -> assertThat(problem.field())
                .isEqualTo("STACKPILOT_INIT_FLAVORS"));
    }

    @Test
    void three_replicas_starting_together_create_each_flavor_once() throws Exception {
        Flavors cloud = new Flavors();
        FlavorInitializer initializer = new FlavorInitializer(cloud, new LocalLock());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<FlavorInitializer.Result>>> replicas = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            for (int i = 0; i < 3; i++) {
                replicas.add(pool.submit(() -> {
                    start.await();
                    return initializer.initialize(admin, parse("true"));
                }));
            }
            start.countDown();
            List<FlavorInitializer.Outcome> outcomes = new ArrayList<>();
            for (Future<List<FlavorInitializer.Result>> replica : replicas) {
                replica.get().forEach(result -> outcomes.add(result.outcome()));
            }
            assertThat(cloud.created).containsExactlyInAnyOrder("standard", "large");
            assertThat(outcomes).filteredOn(outcome -> outcome == FlavorInitializer.Outcome.CREATED).hasSize(2);
            assertThat(outcomes).filteredOn(outcome -> outcome == FlavorInitializer.Outcome.PRESENT).hasSize(4);
        }
    }

    @Test
    void a_flavor_of_that_name_with_another_shape_is_reported_and_left_alone() {
        Flavors cloud = new Flavors();
        Flavor existing = new Flavor("old", "large", 8, 16384, 80, 0, true, Location.DEFAULT);
        cloud.flavors.add(existing);

        List<FlavorInitializer.Result> results = new FlavorInitializer(cloud, new LocalLock())
                .initialize(admin, parse("true"));

        assertThat(results).extracting(FlavorInitializer.Result::outcome).containsExactly(
                FlavorInitializer.Outcome.CREATED, FlavorInitializer.Outcome.SHAPE_MISMATCH);
        assertThat(results.get(1).describe()).contains("large", "8 vCPU", "not 4 vCPU", "left unchanged");
        assertThat(cloud.flavors).contains(existing);
        assertThat(cloud.created).containsExactly("standard");
    }

    @Test
    void without_admin_rights_the_error_says_what_is_needed() {
        Flavors cloud = new Flavors();
        cloud.admin = false;
        assertThatThrownBy(() -> new FlavorInitializer(cloud, new LocalLock()).initialize(admin, parse("true")))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageStartingWith("STACKPILOT_INIT_FLAVORS: ").hasMessageContaining("admin role")
                .hasMessageContaining("standard");
    }

    @Test
    void a_refused_list_also_names_the_variable() {
        Flavors cloud = new Flavors();
        cloud.listForbidden = true;
        assertThatThrownBy(() -> new FlavorInitializer(cloud, new LocalLock()).initialize(admin, parse("true")))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageStartingWith("STACKPILOT_INIT_FLAVORS: ").hasMessageContaining("admin role");
    }
}
