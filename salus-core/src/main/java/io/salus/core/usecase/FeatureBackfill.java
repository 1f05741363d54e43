package io.salus.core.usecase;

import io.salus.core.cohort.FeatureBackfillStore;
import io.salus.core.cohort.FeatureBackfillStore.Pending;
import io.salus.core.cohort.FeatureStore.RecordFeatures;
import io.salus.core.cohort.PatientFacts;
import io.salus.core.error.Result;
import io.salus.core.port.FeatureExtraction;
import io.salus.core.port.KeyManager;
import io.salus.core.port.RecordStore;
import io.salus.core.record.RecordBinding;
import io.salus.core.record.RecordId;
import io.salus.core.record.StoredRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * Extracts the cohort features of deposits that never had them (deposited before features existed, or their feature
 * sets lost): opens each pending deposit's records with the node-wrapped data key, runs the feature extractor as a
 * deposit does, and stores the features sealed (and the patient's facts if the patient has none) with a mark, one
 * deposit per transaction. Run at start before the cohort index is rebuilt, so the index sees them. Idempotent and
 * resumable: completed deposits are not pending any more. A deposit whose record does not open is left pending (and
 * counted) for the next start. Not thread-safe: one run at a time.
 */
public final class FeatureBackfill {
    private final FeatureBackfillStore store;
    private final RecordStore records;
    private final KeyManager keys;
    private final FeatureExtraction extraction;
    private final int batchSize;

    public FeatureBackfill(FeatureBackfillStore store, RecordStore records, KeyManager keys,
            FeatureExtraction extraction, int batchSize) {
        this.store = store;
        this.records = records;
        this.keys = keys;
        this.extraction = extraction;
        this.batchSize = batchSize;
    }

    /** What a run did: deposits completed, features found, deposits left pending because a record did not open. */
    public record Outcome(long pending, long completed, long features, long failed) {
    }

    /** How many deposits are pending. */
    public long pending() {
        return store.countPending(extraction.resourceTypes());
    }

    /** Backfills every pending deposit; {@code progress} gets the number of deposits done so far. */
    public Outcome run(LongConsumer progress) {
        Set<String> types = extraction.resourceTypes();
        long pending = store.countPending(types);
        long completed = 0;
        long features = 0;
        long failed = 0;
        Optional<UUID> after = Optional.empty();
        while (pending > 0) {
            List<Pending> batch = store.pending(types, after, batchSize);
            if (batch.isEmpty()) {
                break;
            }
            for (Pending d : batch) {
                after = Optional.of(d.deposit());
                Optional<Integer> found = backfill(d, types);
                if (found.isEmpty()) {
                    failed++;
                } else {
                    completed++;
                    features += found.get();
                }
                progress.accept(completed + failed);
            }
        }
        return new Outcome(pending, completed, features, failed);
    }

    /** The number of features stored for the deposit, or empty if one of its records did not open. */
    private Optional<Integer> backfill(Pending d, Set<String> types) {
        List<RecordFeatures> found = new ArrayList<>();
        Optional<PatientFacts> facts = Optional.empty();
        int count = 0;
        for (RecordId id : records.recordsOfDeposit(d.deposit())) {
            Optional<StoredRecord> r = records.find(id);
            if (r.isEmpty() || !types.contains(r.get().resourceType())) {
                continue;
            }
            StoredRecord rec = r.get();
            Result<byte[]> json = keys.open(rec.sealed(),
                    RecordBinding.associatedData(rec.id(), rec.patient(), rec.category()));
            if (!(json instanceof Result.Ok<byte[]> ok)) {
                return Optional.empty();
            }
            if ("Patient".equals(rec.resourceType())) {
                facts = Optional.of(extraction.facts(ok.value()));
            }
            var f = extraction.features(rec.resourceType(), ok.value());
            if (!f.isEmpty()) {
                found.add(new RecordFeatures(rec.id(), f));
                count += f.size();
            }
        }
        store.complete(d, found, facts);
        return Optional.of(count);
    }
}
