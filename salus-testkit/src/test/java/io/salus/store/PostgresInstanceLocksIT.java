package io.salus.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.salus.testkit.postgres.TestDatabase;
import io.salus.testkit.postgres.WithPostgres;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Two instances of a node (two lock pools) on one database agree on who holds a named lock. */
@WithPostgres
class PostgresInstanceLocksIT {
    private static PostgresInstanceLocks instance(TestDatabase db) {
        return PostgresInstanceLocks.connect(db.jdbcUrl(), db.user(), db.password(), 4);
    }

    @Test
    void aWorkerPassHeldByOneInstance_isSkippedByTheOther(TestDatabase db) throws Exception {
        try (PostgresInstanceLocks one = instance(db); PostgresInstanceLocks two = instance(db)) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService ex = Executors.newSingleThreadExecutor();
            Future<Boolean> first = ex.submit(() -> one.ifFree("worker:anchor", () -> {
                holding.countDown();
                await(release);
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicBoolean ran = new AtomicBoolean();
            assertThat(two.ifFree("worker:anchor", () -> ran.set(true))).isFalse();
            assertThat(ran).isFalse();
            assertThat(two.ifFree("worker:registration", () -> ran.set(true))).isTrue();
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(two.ifFree("worker:anchor", () -> {
            })).isTrue();
            ex.shutdown();
        }
    }

    @Test
    void exclusiveHolders_neverOverlap_acrossInstances(TestDatabase db) throws Exception {
        try (PostgresInstanceLocks one = instance(db); PostgresInstanceLocks two = instance(db)) {
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            ExecutorService ex = Executors.newFixedThreadPool(6);
            for (int i = 0; i < 60; i++) {
                PostgresInstanceLocks locks = i % 2 == 0 ? one : two;
                ex.submit(() -> locks.exclusively("nonce:0xabc", () -> {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    sleep(2);
                    return inside.decrementAndGet();
                }));
            }
            ex.shutdown();
            assertThat(ex.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(most.get()).isEqualTo(1);
        }
    }

    @Test
    void aLockOfAnInstanceThatDies_isFreeForTheOthers(TestDatabase db) throws Exception {
        PostgresInstanceLocks dying = instance(db);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        ex.submit(() -> dying.ifFree("worker:jobs", () -> {
            holding.countDown();
            await(never);
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        try (PostgresInstanceLocks other = instance(db)) {
            assertThat(other.ifFree("worker:jobs", () -> {
            })).isFalse();
            dying.close(); // its connections close, as a killed process's do
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean ran = false;
            while (!ran && System.nanoTime() < deadline) {
                ran = other.ifFree("worker:jobs", () -> {
                });
                sleep(50);
            }
            assertThat(ran).isTrue();
        } finally {
            ex.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
