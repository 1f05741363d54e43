package io.salus.bench.device;

import io.salus.core.account.AccountId;
import io.salus.core.device.BatchUpload;
import io.salus.core.device.DeviceId;
import io.salus.core.device.DeviceIntake;
import io.salus.core.device.DeviceKind;
import io.salus.core.device.DeviceRegistration;
import io.salus.core.device.DeviceStream;
import io.salus.core.device.IntakeOutcome;
import io.salus.core.device.IntakePolicy;
import io.salus.core.device.Reading;
import io.salus.core.device.VitalSign;
import io.salus.core.merkle.Hash32;
import io.salus.crypto.device.Ed25519BatchSignatureVerifier;
import io.salus.crypto.device.Ed25519DeviceKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH, in readings per second (each invocation handles {@value #READINGS} readings): one Ed25519 signature over a
 * batch of {@value #READINGS} readings against one signature per reading (batches of one), in the same run. Two
 * levels: the cryptography alone (hash every reading, compare with the signed hash, verify the signature) and the
 * whole {@link DeviceIntake#offer} (checks, signature, sequencing window). Run:
 * {@code java -cp salus-bench/target/salus-bench-0.1.0-SNAPSHOT.jar:$(cat salus-bench/target/classpath.txt)
 * org.openjdk.jmh.Main DeviceBatchJmh}.
 */
@State(Scope.Thread)
public class DeviceBatchJmh {
    static final int READINGS = 100;
    private static final int BATCHES = 100;
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private final Ed25519BatchSignatureVerifier verifier = new Ed25519BatchSignatureVerifier();
    private final DeviceIntake intake = new DeviceIntake(verifier, IntakePolicy.DEFAULT);
    private final Instant now = T0.plusSeconds(86_400L * 365);
    private DeviceRegistration reg;
    private final List<BatchUpload> batched = new ArrayList<>();
    private final List<BatchUpload> single = new ArrayList<>();
    private DeviceStream batchedStream;
    private DeviceStream singleStream;
    private int nextBatched;
    private int nextSingle;

    @Setup
    public void sign() {
        Ed25519DeviceKey key = Ed25519DeviceKey.generate(new SecureRandom());
        DeviceId device = new DeviceId(UUID.randomUUID());
        reg = new DeviceRegistration(device, new AccountId(UUID.randomUUID()), new AccountId(UUID.randomUUID()),
                key.publicKey(), DeviceKind.WEARABLE, EnumSet.of(VitalSign.HEART_RATE), T0, Optional.empty());
        long t = 0;
        for (int b = 0; b < BATCHES; b++) {
            List<Reading> rs = new ArrayList<>(READINGS);
            for (int i = 0; i < READINGS; i++) {
                rs.add(Reading.of(VitalSign.HEART_RATE, String.valueOf(55 + (int) (t % 60)), "/min", T0.plusSeconds(
                        t++)));
            }
            batched.add(key.signBatch(device, b + 1, rs));
            for (Reading r : rs) {
                single.add(key.signBatch(device, single.size() + 1, List.of(r)));
            }
        }
        batchedStream = DeviceStream.start(device, IntakePolicy.DEFAULT);
        singleStream = batchedStream;
    }

    /** Verify the signature and every reading's hash of one batch of {@value #READINGS}. */
    @Benchmark
    @OperationsPerInvocation(READINGS)
    public boolean verifyOneSignaturePerBatch() {
        BatchUpload u = batched.get(nextBatched);
        nextBatched = (nextBatched + 1) % BATCHES;
        return hashesMatch(u) && verifier.verifies(reg.publicKey(), u.signed());
    }

    /** Verify {@value #READINGS} batches of one reading, one signature each. */
    @Benchmark
    @OperationsPerInvocation(READINGS)
    public int verifyOneSignaturePerReading() {
        int ok = 0;
        for (int i = 0; i < READINGS; i++) {
            BatchUpload u = single.get(nextSingle);
            nextSingle = (nextSingle + 1) % single.size();
            if (hashesMatch(u) && verifier.verifies(reg.publicKey(), u.signed())) {
                ok++;
            }
        }
        return ok;
    }

    /** The whole intake of one batch of {@value #READINGS}; the stream restarts after the last pre-signed batch. */
    @Benchmark
    @OperationsPerInvocation(READINGS)
    public IntakeOutcome intakeOneSignaturePerBatch() {
        if (nextBatched == 0) {
            batchedStream = DeviceStream.start(reg.id(), IntakePolicy.DEFAULT);
        }
        DeviceIntake.Step step = intake.offer(reg, batchedStream, batched.get(nextBatched), now);
        nextBatched = (nextBatched + 1) % BATCHES;
        batchedStream = step.stream();
        return step.outcome();
    }

    /** The whole intake of {@value #READINGS} batches of one reading. */
    @Benchmark
    @OperationsPerInvocation(READINGS)
    public IntakeOutcome intakeOneSignaturePerReading() {
        IntakeOutcome last = null;
        for (int i = 0; i < READINGS; i++) {
            if (nextSingle == 0) {
                singleStream = DeviceStream.start(reg.id(), IntakePolicy.DEFAULT);
            }
            DeviceIntake.Step step = intake.offer(reg, singleStream, single.get(nextSingle), now);
            nextSingle = (nextSingle + 1) % single.size();
            singleStream = step.stream();
            last = step.outcome();
        }
        return last;
    }

    private static boolean hashesMatch(BatchUpload u) {
        List<Hash32> signed = u.signed().readingHashes();
        for (int i = 0; i < signed.size(); i++) {
            if (!u.readings().get(i).hash().equals(signed.get(i))) {
                return false;
            }
        }
        return true;
    }
}
