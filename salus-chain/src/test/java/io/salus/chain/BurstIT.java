package io.salus.chain;

import static io.salus.chain.TestChains.hash;
import static org.assertj.core.api.Assertions.assertThat;

import io.salus.core.anchor.AnchorTx;
import io.salus.core.merkle.Hash32;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BurstIT {
    private static final int THREADS = 10;
    private static final int PER_THREAD = 50;

    @Test
    void burstFromSeveralThreads_isMinedCompletely_withoutNonceGaps() throws Exception {
        try (TestChains.Node node = TestChains.Node.start(TestChains.config(dirFor()))) {
            long before = Nonces.of(node.chain().rpcUrl(), node.ledger().relayer());
            long started = System.nanoTime();
            List<Future<List<AnchorTx>>> futures = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        List<AnchorTx> out = new ArrayList<>();
                        for (int i = 0; i < PER_THREAD; i++) {
                            Hash32 key = hash("burst " + thread + "/" + i);
                            out.add(node.ledger().anchor(key, hash("root " + thread + "/" + i), 1 + i));
                        }
                        return out;
                    }));
                }
            }
            Set<String> hashes = new HashSet<>();
            for (Future<List<AnchorTx>> f : futures) {
                f.get().forEach(tx -> hashes.add(tx.txHash()));
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("burst of %d anchors with %s mining took %d ms%n", THREADS * PER_THREAD,
                    node.chain().config().mining(), ms);

            assertThat(hashes).hasSize(THREADS * PER_THREAD);
            assertThat(Nonces.of(node.chain().rpcUrl(), node.ledger().relayer()))
                    .isEqualTo(before + THREADS * PER_THREAD);
            for (int t = 0; t < THREADS; t++) {
                for (int i = 0; i < PER_THREAD; i++) {
                    assertThat(node.ledger().findAnchor(hash("burst " + t + "/" + i))).isPresent();
                }
            }
        }
    }

    @TempDir
    Path dir;

    private Path dirFor() {
        return dir.resolve("chain");
    }
}
