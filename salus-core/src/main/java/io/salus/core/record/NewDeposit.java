package io.salus.core.record;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A deposit to store atomically. {@code idempotencyKey}, when present, is unique per author: storing the same key again
 * returns the first deposit. {@code requestHash} tells a genuine retry from a reuse of the key for other content.
 * {@code patientIdentifiers} are the FHIR Patient identifiers ({@code system|value}) the bundle carried; the store
 * remembers them for the patient.
 */
public record NewDeposit(Provenance provenance, AccountId patient, Optional<String> idempotencyKey,
        Hash32 requestHash, List<NewRecord> records, Set<String> patientIdentifiers,
        List<io.salus.core.cohort.FeatureStore.RecordFeatures> features,
        Optional<io.salus.core.cohort.PatientFacts> facts) {
    public NewDeposit {
        records = List.copyOf(records);
        patientIdentifiers = Set.copyOf(patientIdentifiers);
        features = List.copyOf(features);
    }

    /** A deposit without cohort features (tests of the store). */
    public NewDeposit(Provenance provenance, AccountId patient, Optional<String> idempotencyKey, Hash32 requestHash,
            List<NewRecord> records, Set<String> patientIdentifiers) {
        this(provenance, patient, idempotencyKey, requestHash, records, patientIdentifiers, List.of(),
                Optional.empty());
    }
}
