package io.stackpilot.persistence.preemption;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.core.testing.contract.PreemptionRepositoryContract;
import io.stackpilot.persistence.testing.TestDatabaseExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link PreemptionRepositoryContract} on real PostgreSQL, and the advisory lock across connections. */
class JdbiPreemptionRepositoryIT {

    @Nested
    class On_embedded_postgres extends PreemptionRepositoryContract {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.embedded();

        @Override
        protected JdbiPreemptionRepository newRepository() {
            DATABASE.database().truncateAllTables();
            return new JdbiPreemptionRepository(DATABASE.database().jdbi());
        }
    }

    @Nested
    class Advisory_lock {
        @RegisterExtension
        static final TestDatabaseExtension DATABASE = TestDatabaseExtension.embedded();

        @Test
        void a_second_holder_of_the_same_key_waits_for_the_first_while_another_key_does_not() throws Exception {
            AdvisoryPreemptionLock lock = new AdvisoryPreemptionLock(DATABASE.database().jdbi(), Duration.ofSeconds(30));
            List<String> order = new CopyOnWriteArrayList<>();
            CountDownLatch firstHolds = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread first = Thread.ofVirtual().start(() -> lock.holding("quota:p1", () -> {
                order.add("first in");
                firstHolds.countDown();
                await(release);
                order.add("first out");
                return null;
            }));
            assertThat(firstHolds.await(10, TimeUnit.SECONDS)).isTrue();
            Thread second = Thread.ofVirtual().start(() -> lock.holding("quota:p1", () -> order.add("second in")));
            lock.holding("quota:p2", () -> order.add("other key in"));
            Thread.sleep(300); // the second would have entered by now if the lock did not hold it
            release.countDown();
            first.join(10_000);
            second.join(10_000);

            assertThat(order).containsExactly("first in", "other key in", "first out", "second in");
        }

        private static void await(CountDownLatch latch) {
            try {
                latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
