package io.salus.core.usecase.device;

import io.salus.core.account.Account;
import io.salus.core.cohort.FeatureStore;
import io.salus.core.port.FeatureExtraction;
import io.salus.core.record.RecordId;
import io.salus.core.usecase.DepositService;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Cohort features for the records that device intake and reading imports store, exactly as a deposit gets them: the
 * features of the record's Bundle (its Observations, {@link FeatureExtraction#features} of {@code "Bundle"}) are
 * sealed and written with the record's deposit, and once it is stored they go to the in-memory cohort index. So a
 * rebuild of the index from the stored feature sets and one from the records themselves agree. A Bundle's Patient
 * entry gives no facts (a device batch's Patient carries identifiers only). Thread-safe.
 */
public record CohortFeed(FeatureExtraction extraction, Consumer<DepositService.Deposited> onStored) {
    /** The record type device batches and imports are stored as. */
    static final String BUNDLE = "Bundle";

    public CohortFeed {
        Objects.requireNonNull(extraction, "extraction");
        Objects.requireNonNull(onStored, "onStored");
    }

    /** The record's features, to store with its deposit (empty when it has none). */
    List<FeatureStore.RecordFeatures> of(RecordId record, byte[] bundleJson) {
        var f = extraction.features(BUNDLE, bundleJson);
        return f.isEmpty() ? List.of() : List.of(new FeatureStore.RecordFeatures(record, f));
    }

    /** Feeds a stored record's features into the cohort index. */
    void stored(Account patient, List<FeatureStore.RecordFeatures> features) {
        if (!features.isEmpty()) {
            onStored.accept(new DepositService.Deposited(patient, features, Optional.empty()));
        }
    }
}
