package io.salus.crypto;

import io.salus.core.record.SealedRecord;
import java.util.Random;

/**
 * A rough seal/open throughput measurement (not a test, not a benchmark of record: those live in salus-bench). Run
 * with {@code ./mvnw -q -pl salus-crypto test-compile exec:java -Dexec.mainClass=io.salus.crypto.SealThroughput
 * -Dexec.classpathScope=test}.
 */
public final class SealThroughput {
    private SealThroughput() {
    }

    public static void main(String[] args) throws InterruptedException {
        TinkKeyManager keys = TestKeys.newManager();
        byte[][] patients = new byte[64][];
        for (int i = 0; i < patients.length; i++) {
            patients[i] = keys.newAccountKeys().encryptionPublicKey();
        }
        byte[] plaintext = new byte[2048];
        new Random(1).nextBytes(plaintext);
        byte[] aad = "record:0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int threads = Runtime.getRuntime().availableProcessors();
        int perThread = 20_000;
        run(keys, patients, plaintext, aad, 1, 5_000);
        for (int t : new int[]{1, threads}) {
            long start = System.nanoTime();
            run(keys, patients, plaintext, aad, t, perThread);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("seal, %d thread(s), 2 KiB records: %.0f/s%n", t, t * perThread / seconds);
        }
        SealedRecord sealed = keys.seal(plaintext, aad, patients[0]);
        long start = System.nanoTime();
        for (int i = 0; i < perThread; i++) {
            keys.open(sealed, aad).orElseThrow();
        }
        System.out.printf("open, 1 thread: %.0f/s%n", perThread / ((System.nanoTime() - start) / 1e9));
    }

    private static void run(TinkKeyManager keys, byte[][] patients, byte[] plaintext, byte[] aad, int threads,
            int perThread) throws InterruptedException {
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    keys.seal(plaintext, aad, patients[i % patients.length]);
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
    }
}
