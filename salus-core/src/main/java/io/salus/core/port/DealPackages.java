package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.deal.StagedPackage;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Delivery packages: the matched patients' records de-identified (one date shift per patient and consumer
 * organisation, ages of 90 and over capped), packed as FHIR Bulk Data NDJSON, encrypted under a fresh content key
 * and kept as staged ciphertext on the node; the content key comes back sealed under the KEK and wrapped to the
 * consumer. A staged package opens for nobody until its wrapped key is put in it, which the caller does only with the
 * key the chain released. Thread-safe.
 */
public interface DealPackages {

    /** Builds and stages a deal's package, replacing any earlier staging of it. {@code INVALID_FHIR} on bad records. */
    Result<StagedPackage> stage(Request request, List<PatientData> patients);

    /**
     * Stages {@code content} (a compute job's released result) as the deal's package for {@code patients} patients,
     * encrypted and keyed exactly like a data package, replacing any earlier staging of it.
     */
    Result<StagedPackage> stageContent(Request request, byte[] content, int patients);

    /** The staged package with its key slot filled with {@code wrappedKey}; empty if nothing is staged. */
    Optional<byte[]> released(Hash32 dealId, byte[] wrappedKey);

    /** Deletes a deal's staged package (erasure, re-staging); idempotent. */
    void discard(Hash32 dealId);

    /** A deal's package: its id and secret, the consumer organisation and key, the Bulk Data transaction time. */
    record Request(Hash32 dealId, byte[] dealSecret, String organisation, byte[] consumerPublicKey,
            Instant transactionTime) {
        public Request {
            Objects.requireNonNull(dealId, "dealId");
            dealSecret = dealSecret.clone();
            Objects.requireNonNull(organisation, "organisation");
            consumerPublicKey = consumerPublicKey.clone();
            Objects.requireNonNull(transactionTime, "transactionTime");
        }
    }

    /**
     * One patient's part: the account (its date shift is per account and organisation), the deal pseudonym that
     * becomes their Patient resource's id, the FHIR id their records reference, and the stored JSON of their records.
     */
    record PatientData(AccountId patient, Hash32 pseudonym, String fhirPatientId, List<byte[]> records) {
        public PatientData {
            Objects.requireNonNull(patient, "patient");
            Objects.requireNonNull(pseudonym, "pseudonym");
            Objects.requireNonNull(fhirPatientId, "fhirPatientId");
            records = List.copyOf(records);
        }
    }
}
