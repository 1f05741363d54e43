package io.salus.core.port;

import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Attestation;
import io.salus.core.consent.Delegation;
import io.salus.core.consent.Grant;
import io.salus.core.consent.PatientSet;
import io.salus.core.consent.Purpose;
import io.salus.core.record.Category;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * The in-memory consent index, made for bulk evaluation (millions of decisions per second): which patients' standing
 * grants permit a category for an attestation type and purpose at a time. Grants naming one consumer are not in the
 * bulk sets (they are decided one by one by the policy); grants signed by a delegate count as
 * {@link io.salus.core.consent.DelegatedGrants} says, so the sets agree with {@link io.salus.core.consent.ConsentPolicy}
 * given the latest delegations. Rebuilt from the projection at start or on demand. Writers
 * are serialised; readers may run concurrently with each other.
 */
public interface ConsentIndex {

    /** Adds or replaces a grant (a revoked grant is removed from the sets from its revocation on). */
    void put(Grant grant);

    void revoke(long grantId, long block);

    /**
     * Records the latest delegation of a (patient, delegate) pair: the grants that delegate signed for the patient
     * count from then on only as {@link io.salus.core.consent.DelegatedGrants#effective} says (capped at the
     * delegation's end, revoked from the block of a later delegation or of one without MANAGE_CONSENT).
     */
    void delegationSet(Delegation delegation);

    void clear();

    /** The dense ordinal of a patient (assigned on first sight), for {@link PatientSet}s. */
    int ordinal(EvmAddress patient);

    OptionalInt ordinalIfKnown(EvmAddress patient);

    /**
     * The patients whose grants permit {@code category} for a requester attested with any type of {@code typesMask}
     * and purpose {@code purpose}, at time {@code at} and block {@code block}.
     */
    PatientSet permitted(Category category, int typesMask, Purpose purpose, Instant at, long block);

    /** Single decision on the bulk structure (no reason): the same answer {@link #permitted} would give. */
    boolean permits(int patientOrdinal, Category category, int typesMask, Purpose purpose, Instant at, long block);

    /** Number of patients known to the index. */
    int patients();

    /** Attestations are not indexed here; kept for symmetry of rebuilds. */
    default void putAttestation(Attestation a) {
    }
}
