package io.salus.bench.device;

import io.salus.bench.BenchContext;
import io.salus.bench.Benchmark;
import io.salus.bench.Comparison;
import io.salus.bench.Outcome;
import io.salus.bench.Outcome.Check;
import io.salus.bench.Parallel;
import io.salus.bench.Progress;
import io.salus.bench.Spread;
import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.device.BatchUpload;
import io.salus.core.device.DeviceId;
import io.salus.core.device.IntakeOutcome;
import io.salus.core.device.Reading;
import io.salus.core.device.VitalSign;
import io.salus.core.record.RecordId;
import io.salus.core.usecase.device.DeviceService;
import io.salus.core.usecase.device.Offered;
import io.salus.crypto.device.Ed25519BatchSignatureVerifier;
import io.salus.crypto.device.Ed25519DeviceKey;
import io.salus.node.wiring.Node;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Device readings through the node's wired path ({@code DeviceBatches.offer}: the batch signature and checks, the
 * sequencer, sealing the FHIR Observations and their salted reading leaves, storing, monitoring) until every batch's
 * record is anchored on chain, against verifying one Ed25519 signature per reading (only the verification, nothing
 * stored: a floor for any per-reading-signature intake) on the same threads, in the same run; and the alert latency
 * from offering a reading to its alert being readable, p50 and p99. Not thread-safe.
 */
public final class DeviceIntakeBenchmark implements Benchmark {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final List<Device> devices = new ArrayList<>();
    private final List<BatchUpload> perReading = new ArrayList<>();
    private Ed25519DeviceKey perReadingKey;
    private Device alarm;
    private Ed25519DeviceKey alarmKey;
    private Account alarmPatient;
    private int batchSize;
    private int batchesPerDevice;

    /** A registered device and the batches it signed for every run. */
    private record Device(DeviceId id, List<List<BatchUpload>> runs) {
    }

    @Override
    public String name() {
        return "devices";
    }

    @Override
    public void setup(BenchContext ctx) {
        Node node = ctx.node();
        int deviceCount = Math.max(2, ctx.threads() * 2);
        batchSize = ctx.quick() ? 200 : 1_000;
        batchesPerDevice = ctx.quick() ? 2 : Math.max(2, ctx.sample() / 50);
        Instant t0 = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        try (Progress.Step step = ctx.progress().start("devices setup", deviceCount + 1)) {
            for (int d = 0; d < deviceCount; d++) {
                Account patient = node.accounts().open(AccountKind.PATIENT, "device bench patient " + d)
                        .orElseThrow().account();
                Ed25519DeviceKey key = Ed25519DeviceKey.generate(RANDOM);
                DeviceId id = node.devices().register(patient, patient.id(), new DeviceService.Request(key
                        .publicKey().hex(), "WEARABLE", List.of(VitalSign.HEART_RATE.loinc()))).orElseThrow().id();
                List<List<BatchUpload>> runs = new ArrayList<>();
                long seq = 1;
                long second = 0;
                for (int r = 0; r < ctx.repeats(); r++) {
                    List<BatchUpload> batches = new ArrayList<>();
                    for (int b = 0; b < batchesPerDevice; b++) {
                        List<Reading> rs = new ArrayList<>(batchSize);
                        for (int i = 0; i < batchSize; i++) {
                            rs.add(Reading.of(VitalSign.HEART_RATE, Integer.toString(60 + (int) (second % 30)), "/min",
                                    t0.plusSeconds(second++)));
                        }
                        batches.add(key.signBatch(id, seq++, rs));
                    }
                    runs.add(batches);
                }
                devices.add(new Device(id, runs));
                step.stepBy(1);
            }
            perReadingKey = Ed25519DeviceKey.generate(RANDOM);
            DeviceId single = new DeviceId(UUID.randomUUID());
            int n = Math.min(20_000, deviceCount * batchesPerDevice * batchSize);
            for (int i = 0; i < n; i++) {
                perReading.add(perReadingKey.signBatch(single, i + 1, List.of(Reading.of(VitalSign.HEART_RATE,
                        Integer.toString(60 + i % 30), "/min", t0.plusSeconds(i)))));
            }
            alarmPatient = node.accounts().open(AccountKind.PATIENT, "device bench alarm patient").orElseThrow()
                    .account();
            Ed25519DeviceKey key = Ed25519DeviceKey.generate(RANDOM);
            alarm = new Device(node.devices().register(alarmPatient, alarmPatient.id(), new DeviceService.Request(key
                    .publicKey().hex(), "WEARABLE", List.of(VitalSign.HEART_RATE.loinc()))).orElseThrow().id(), List
                            .of());
            alarmKey = key;
            step.stepBy(1);
        }
    }

    @Override
    public Outcome run(BenchContext ctx) {
        Node node = ctx.node();
        int runs = ctx.repeats();
        double[] wired = new double[runs];
        double[] stored = new double[runs];
        double[] baseline = new double[runs];
        AtomicBoolean allAccepted = new AtomicBoolean(true);
        boolean allAnchored = true;
        Ed25519BatchSignatureVerifier verifier = new Ed25519BatchSignatureVerifier();
        AtomicBoolean allVerified = new AtomicBoolean(true);
        long readingsPerRun = (long) devices.size() * batchesPerDevice * batchSize;
        try (Progress.Step step = ctx.progress().start("devices", runs)) {
            for (int r = 0; r < runs; r++) {
                int run = r;
                ConcurrentLinkedQueue<RecordId> records = new ConcurrentLinkedQueue<>();
                long start = System.nanoTime();
                double offered = Parallel.run(ctx.threads(), devices.size(), d -> {
                    for (BatchUpload u : devices.get(d).runs().get(run)) {
                        Offered o = node.deviceBatches().offer(u, "bench").orElseThrow();
                        if (!(o.outcome() instanceof IntakeOutcome.Accepted) || o.record().isEmpty()) {
                            allAccepted.set(false);
                        }
                        o.record().ifPresent(records::add);
                    }
                });
                allAnchored &= awaitAnchored(node, List.copyOf(records), Duration.ofMinutes(5));
                wired[r] = readingsPerRun / ((System.nanoTime() - start) / 1e9);
                stored[r] = readingsPerRun / offered;
                baseline[r] = perReading.size() / Parallel.run(ctx.threads(), perReading.size(), i -> {
                    BatchUpload u = perReading.get(i);
                    if (!(u.readings().getFirst().hash().equals(u.signed().readingHashes().getFirst())
                            && verifier.verifies(perReadingKey.publicKey(), u.signed()))) {
                        allVerified.set(false);
                    }
                });
                step.stepBy(1);
            }
        }
        double[] latencies = alertLatencies(node, ctx.quick() ? 20 : 200);
        double[] sorted = latencies.clone();
        Arrays.sort(sorted);
        double p50 = percentile(sorted, 0.50);
        double p99 = percentile(sorted, 0.99);
        List<Check> checks = List.of(new Check("every batch was accepted and stored as one record", allAccepted.get()),
                new Check("every batch's record was anchored on chain", allAnchored),
                new Check("every per-reading signature verified", allVerified.get()),
                new Check("every high reading raised its alert", latencies.length > 0 && sorted[0] >= 0));
        String base = "one Ed25519 signature per reading, verification only (nothing sealed, stored or anchored), "
                + ctx.threads() + " threads";
        List<Comparison> comparisons = List.of(new Comparison("signed readings per second, wired path until "
                + "anchored (batches of " + batchSize + ")", "readings/s", Spread.of(wired), base,
                Spread.of(
                        baseline),
                "batch path / per-reading verification (higher is better)",
                ">= 100,000 signed readings/s per node with batch signatures"));
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("readings per run", readingsPerRun + " (" + devices.size() + " devices x " + batchesPerDevice
                + " batches x " + batchSize + ")");
        figures.put("wired path until stored and monitored (before anchoring)", Spread.of(stored).text()
                + " readings/s");
        figures.put("wired path until anchored", Spread.of(wired).text() + " readings/s");
        figures.put("per-reading signature verification", Spread.of(baseline).text() + " readings/s");
        figures.put("alert latency, reading offered to alert readable", String.format(Locale.ROOT,
                "p50 %.1f ms, p99 %.1f ms (%d alerts)", p50, p99, latencies.length));
        return new Outcome(name(), comparisons, figures, checks, List.of());
    }

    /** Alternating single-reading batches of 135 and 80 /min: each high one raises a tachycardia alert. */
    private double[] alertLatencies(Node node, int alerts) {
        double[] out = new double[alerts];
        long seq = 1;
        for (int i = 0; i < alerts; i++) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            BatchUpload high = alarmKey.signBatch(alarm.id(), seq++, List.of(Reading.of(VitalSign.HEART_RATE, "135",
                    "/min", now)));
            int before = node.healthAlerts().ofPatient(alarmPatient, alarmPatient.id(), 1000).orElseThrow().size();
            long start = System.nanoTime();
            node.deviceBatches().offer(high, "bench").orElseThrow();
            while (node.healthAlerts().ofPatient(alarmPatient, alarmPatient.id(), 1000).orElseThrow()
                    .size() == before) {
                if (System.nanoTime() - start > 30_000_000_000L) {
                    out[i] = -1;
                    break;
                }
                Thread.onSpinWait();
            }
            if (out[i] == 0) {
                out[i] = (System.nanoTime() - start) / 1e6;
            }
            BatchUpload normal = alarmKey.signBatch(alarm.id(), seq++, List.of(Reading.of(VitalSign.HEART_RATE, "80",
                    "/min", now.plusMillis(1))));
            node.deviceBatches().offer(normal, "bench").orElseThrow();
        }
        return out;
    }

    private static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    private static boolean awaitAnchored(Node node, List<RecordId> records, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        try (Connection c = node.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement(
                        "SELECT count(*) FROM sealed_record WHERE id = ANY(?) AND batch_id IS NOT NULL")) {
            Array ids = c.createArrayOf("uuid", records.stream().map(RecordId::value).toArray());
            q.setArray(1, ids);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == records.size()) {
                        return true;
                    }
                }
                Thread.sleep(20);
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read anchoring state", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
