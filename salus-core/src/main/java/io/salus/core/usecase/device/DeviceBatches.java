package io.salus.core.usecase.device;

import io.salus.core.account.Account;
import io.salus.core.cohort.FeatureStore;
import io.salus.core.device.BatchUpload;
import io.salus.core.device.DeviceId;
import io.salus.core.device.DeviceIntake;
import io.salus.core.device.DeviceRegistration;
import io.salus.core.device.IntakeOutcome;
import io.salus.core.device.Measurement;
import io.salus.core.device.Reading;
import io.salus.core.device.SignedBatch;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.error.UnavailableException;
import io.salus.core.merkle.Hashing;
import io.salus.core.outbox.OutboxKinds;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.AccountStore;
import io.salus.core.port.DeviceFhir;
import io.salus.core.port.DeviceStore;
import io.salus.core.port.DeviceStore.AcceptedBatch;
import io.salus.core.port.DeviceStore.StoredStream;
import io.salus.core.port.KeyManager;
import io.salus.core.record.Category;
import io.salus.core.record.NewDeposit;
import io.salus.core.record.NewRecord;
import io.salus.core.record.PatientKeyChanged;
import io.salus.core.record.Provenance;
import io.salus.core.record.RecordId;
import io.salus.core.usecase.RecordSealer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Takes device batches, whatever the transport (HTTPS, MQTT): the batch signature is the authentication. Per batch:
 * {@link DeviceIntake#offer} on the device's stored stream; an accepted batch is rendered as FHIR ({@link DeviceFhir}),
 * sealed as <em>one</em> record of the patient whose leaf is the root of the batch's salted reading leaves
 * ({@link RecordSealer}, decision 0016), and stored with the stream's new state in one transaction (so the anchor
 * worker anchors it like any record, and a restart keeps refusing replays); then its measurements go to monitoring.
 * Refusals and duplicates are counted in the stored stream. Offers of one device are serialised here (striped locks)
 * and across nodes by the stream's version. The batch's cohort features are stored with it and fed to the cohort index
 * ({@link CohortFeed}), as a deposit's are. Thread-safe.
 */
public final class DeviceBatches {
    private static final int ATTEMPTS = 5;
    private final AccountStore accounts;
    private final DeviceStore store;
    private final DeviceFhir fhir;
    private final RecordSealer sealer;
    private final DeviceIntake intake;
    private final MeasurementSink monitoring;
    private final Clock clock;
    private final StreamCache cache;
    private final CohortFeed cohort;
    private final Object[] stripes = new Object[256];

    public DeviceBatches(AccountStore accounts, DeviceStore store, DeviceFhir fhir, KeyManager keys,
            DeviceIntake intake, MeasurementSink monitoring, CohortFeed cohort, Clock clock, int cachedDevices) {
        this.cohort = cohort;
        this.accounts = accounts;
        this.store = store;
        this.fhir = fhir;
        this.sealer = new RecordSealer(keys);
        this.intake = intake;
        this.monitoring = monitoring;
        this.clock = clock;
        this.cache = new StreamCache(cachedDevices);
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /** Offers a batch; {@code DEVICE_NOT_FOUND} for a device never registered here. */
    public Result<Offered> offer(BatchUpload upload, String transport) {
        DeviceId id = upload.signed().device();
        synchronized (stripes[Math.floorMod(id.hashCode(), stripes.length)]) {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                Optional<StreamCache.Cached> loaded = entry(id);
                if (loaded.isEmpty()) {
                    return Result.fail(ErrorCode.DEVICE_NOT_FOUND, "no device " + id + " is registered here");
                }
                Optional<Offered> done = attempt(loaded.get(), upload, transport);
                if (done.isPresent()) {
                    return Result.ok(done.get());
                }
                cache.evict(id);
            }
        }
        throw new UnavailableException(ErrorCode.STORE_UNAVAILABLE, "device " + id
                + "'s stream kept changing under this offer; try again", null);
    }

    /** One try; empty when the stored state moved (the caller reloads and tries again). */
    private Optional<Offered> attempt(StreamCache.Cached e, BatchUpload upload, String transport) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        DeviceIntake.Step step = intake.offer(e.registration(), e.stream().stream(), upload, now);
        switch (step.outcome()) {
            case IntakeOutcome.Accepted a -> {
                Optional<RecordId> stored = storeAccepted(e, step, a, upload, transport, now);
                if (stored.isEmpty()) {
                    return Optional.empty();
                }
                monitor(e.registration(), a.measurements(), upload.signed().sequence(), transport);
                return Optional.of(new Offered(a, stored, step.stream()));
            }
            case IntakeOutcome.Duplicate d -> {
                if (!count(e, step)) {
                    return Optional.empty();
                }
                Optional<AcceptedBatch> earlier = store.batch(e.registration().id(), d.sequence());
                if (earlier.isPresent() && !earlier.get().monitored()) {
                    monitor(e.registration(), measurements(upload.readings()), d.sequence(), transport);
                }
                return Optional.of(new Offered(d, earlier.map(AcceptedBatch::record), step.stream()));
            }
            case IntakeOutcome.Refused r -> {
                return count(e, step) ? Optional.of(new Offered(r, Optional.empty(), step.stream())) : Optional.empty();
            }
        }
    }

    private Optional<RecordId> storeAccepted(StreamCache.Cached e, DeviceIntake.Step step, IntakeOutcome.Accepted a,
            BatchUpload upload, String transport, Instant now) {
        DeviceRegistration reg = e.registration();
        SignedBatch b = upload.signed();
        byte[] json = fhir.batch(reg, upload, now);
        NewRecord record = sealer.seal(e.patient(), Category.of("Observation", Set.of(reg.observationCategory()))
                .orElseThrow(), CohortFeed.BUNDLE, "device-batch-" + reg.id() + "-" + b.sequence(), json,
                b.readingHashes());
        List<FeatureStore.RecordFeatures> features = cohort.of(record.id(), json);
        Provenance provenance = new Provenance(reg.registeredBy(), UUID.randomUUID(), "device:" + reg.id() + " via "
                + transport, now);
        NewDeposit deposit = new NewDeposit(provenance, reg.patient(), Optional.of("device-batch:" + reg.id() + ":"
                + b.sequence()), b.contentDigest(), List.of(record), Set.of(), features, Optional.empty(),
                Optional.of(Hashing.sha256(e.patient().encryptionPublicKey())));
        OutboxMessage anchor = new OutboxMessage(OutboxKinds.ANCHOR_DEPOSIT, provenance.depositId().toString(),
                Map.of("depositId", provenance.depositId().toString()));
        AcceptedBatch row = new AcceptedBatch(reg.id(), b.sequence(), b.contentDigest(), record.id(),
                a.readings().size(), b.from(), b.to(), now, false);
        try {
            DeviceStore.Write w = store.accept(e.stream(), step.stream(), row, deposit, anchor);
            if (w != DeviceStore.Write.STORED) {
                return Optional.empty();
            }
        } catch (PatientKeyChanged changed) {
            // a key recovery rotated the patient's key: reload the patient and seal again
            return Optional.empty();
        }
        cache.put(new StreamCache.Cached(reg, e.patient(), new StoredStream(step.stream(), e.stream().version() + 1)));
        cohort.stored(e.patient(), features);
        return Optional.of(record.id());
    }

    private boolean count(StreamCache.Cached e, DeviceIntake.Step step) {
        if (!store.count(e.stream(), step.stream())) {
            return false;
        }
        cache.put(new StreamCache.Cached(e.registration(), e.patient(), new StoredStream(step.stream(),
                e.stream().version() + 1)));
        return true;
    }

    private void monitor(DeviceRegistration reg, List<Measurement> measurements, long sequence, String transport) {
        monitoring.observe(reg.patient(), measurements, "device " + reg.id() + " batch " + sequence + " (" + transport
                + ")");
        store.markMonitored(reg.id(), sequence);
    }

    private static List<Measurement> measurements(List<Reading> readings) {
        return readings.stream().map(r -> Measurement.of(r).orElseThrow()).toList();
    }

    private Optional<StreamCache.Cached> entry(DeviceId id) {
        Optional<StreamCache.Cached> cached = cache.get(id);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<DeviceRegistration> reg = store.find(id);
        if (reg.isEmpty()) {
            return Optional.empty();
        }
        Account patient = accounts.find(reg.get().patient()).orElseThrow(() -> new UnavailableException(
                ErrorCode.STORE_UNAVAILABLE, "device " + id + "'s patient cannot be read", null));
        StreamCache.Cached e = new StreamCache.Cached(reg.get(), patient, store.stream(id, intake.policy()));
        cache.put(e);
        return Optional.of(e);
    }
}
