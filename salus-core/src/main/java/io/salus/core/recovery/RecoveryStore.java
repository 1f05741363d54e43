package io.salus.core.recovery;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import io.salus.core.record.Category;
import io.salus.core.record.RecordId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Guardian sets, sealed shares, recoveries and their approvals (port; PostgreSQL). Thread-safe. */
public interface RecoveryStore {

    /** Replaces the patient's guardian set and shares (one transaction). */
    void saveGuardians(GuardianSet set, List<SealedShare> shares);

    Optional<GuardianSet> guardians(AccountId patient);

    /** The share sealed to {@code guardian} in the patient's current set. */
    Optional<SealedShare> share(AccountId patient, AccountId guardian);

    /** Records an opened recovery and its alerts (one transaction). */
    void open(RecoveryRequest request, List<RecoveryAlert> alerts);

    Optional<RecoveryRequest> find(UUID id);

    /** Shares re-sealed to the recovery's new key, one per approving guardian. */
    List<SealedShare> approvals(UUID recoveryId);

    /**
     * Stores an approval's re-sealed share and its alerts (one transaction); a second one for the same guardian is
     * ignored, alerts included.
     */
    void saveApproval(UUID recoveryId, SealedShare resealed, String txHash, Instant at, List<RecoveryAlert> alerts);

    /**
     * Marks the recovery cancelled, with its alerts (one transaction); false, changing nothing, if it was completed or
     * cancelled already.
     */
    boolean cancel(UUID recoveryId, AccountId by, Instant at, List<RecoveryAlert> alerts);

    /** The recovery alerts addressed to an account, newest first, at most {@code limit}. */
    List<RecoveryAlert> alertsFor(AccountId recipient, int limit);

    /** Every record of the patient with its patient-wrapped data key. */
    List<PatientWrap> patientWraps(AccountId patient);

    /**
     * In ONE transaction: every listed record's patient-wrapped key replaced, the account's encryption key pair and API
     * token hash replaced, the guardian set (whose shares split the retired key) dropped, the recovery marked completed,
     * its alerts recorded. Returns false, changing nothing, if the patient's records are no longer exactly the listed
     * ones (a deposit raced) or the recovery was completed or cancelled meanwhile.
     */
    boolean complete(Completion completion);

    /**
     * Replaces patient-wrapped keys only where they still hold the expected old value (records deposited under the
     * retired key while a completion committed); returns how many were replaced.
     */
    int replaceWraps(AccountId patient, Map<RecordId, byte[]> expectedOld, Map<RecordId, byte[]> replacement);

    record PatientWrap(RecordId record, Category category, byte[] wrappedForPatient) {
    }

    record Completion(UUID recoveryId, AccountId patient, Map<RecordId, byte[]> rewrapped, byte[] newPublicKey,
            byte[] newSealedPrivateKey, Hash32 newApiTokenHash, Instant at, List<RecoveryAlert> alerts) {
    }
}
