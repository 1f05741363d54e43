package io.salus.core.record;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A deposit to store atomically. {@code idempotencyKey}, when present, is unique per author: storing the same key again
 * returns the first deposit. {@code requestHash} (a keyed hash of the request) tells a genuine retry from a reuse of
 * the key for other content. {@code patientIdentifiers} are the FHIR Patient identifiers ({@code system|value}) the
 * bundle carried; the store remembers them for the patient as keyed blind indexes only. {@code sealedToKeyHash} is the SHA-256 of the patient public key the data keys were
 * wrapped to: the store refuses the deposit with {@link PatientKeyChanged} if the account's key is another one when it
 * commits (a key recovery rotated it meanwhile), under a lock that orders the deposit against the rotation.
 */
public record NewDeposit(Provenance provenance, AccountId patient, Optional<String> idempotencyKey,
        Hash32 requestHash, List<NewRecord> records, Set<String> patientIdentifiers,
        List<io.salus.core.cohort.FeatureStore.RecordFeatures> features,
        Optional<io.salus.core.cohort.PatientFacts> facts, Optional<Hash32> sealedToKeyHash) {
    public NewDeposit {
        records = List.copyOf(records);
        patientIdentifiers = Set.copyOf(patientIdentifiers);
        features = List.copyOf(features);
    }

    /** A deposit whose records' patient keys are not checked against the account at commit (tests of the store). */
    public NewDeposit(Provenance provenance, AccountId patient, Optional<String> idempotencyKey, Hash32 requestHash,
            List<NewRecord> records, Set<String> patientIdentifiers,
            List<io.salus.core.cohort.FeatureStore.RecordFeatures> features,
            Optional<io.salus.core.cohort.PatientFacts> facts) {
        this(provenance, patient, idempotencyKey, requestHash, records, patientIdentifiers, features, facts,
                Optional.empty());
    }

    /** A deposit without cohort features (tests of the store). */
    public NewDeposit(Provenance provenance, AccountId patient, Optional<String> idempotencyKey, Hash32 requestHash,
            List<NewRecord> records, Set<String> patientIdentifiers) {
        this(provenance, patient, idempotencyKey, requestHash, records, patientIdentifiers, List.of(),
                Optional.empty());
    }
}
