package io.salus.core.cohort;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.record.RecordId;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where extracted features and patient facts are kept (sealed, written with the deposit that carried them, see
 * {@link io.salus.core.record.NewDeposit}), so the in-memory cohort index can be rebuilt at start without decrypting
 * any record. Thread-safe.
 */
public interface FeatureStore {

    /** Streams every stored feature, in storage order, with its patient's address. */
    void forEachFeature(Consumer<StoredFeature> sink);

    /** Streams every patient's facts. */
    void forEachFacts(Consumer<StoredFacts> sink);

    /** The features extracted from one record. */
    record RecordFeatures(RecordId record, List<Feature> features) {
        public RecordFeatures {
            features = List.copyOf(features);
        }
    }

    record StoredFeature(AccountId patient, EvmAddress address, RecordId record, Feature feature) {
    }

    record StoredFacts(AccountId patient, EvmAddress address, PatientFacts facts) {
    }
}
