package io.salus.core.cohort;

import io.salus.core.account.AccountId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where the cohort-feature backfill finds deposits whose features were never extracted (deposited before features
 * existed, or their features lost) and records what it extracted. A deposit is pending while it holds a record of one
 * of the given resource types but neither a sealed feature set nor a backfill mark; completing it writes both (the
 * features only if there are any) in one transaction, so a stopped backfill continues with what is left and a finished
 * one finds nothing. Thread-safe.
 */
public interface FeatureBackfillStore {

    /** A pending deposit and its patient. */
    record Pending(UUID deposit, AccountId patient) {
    }

    /** Up to {@code limit} pending deposits after {@code after} (in deposit id order). */
    List<Pending> pending(Set<String> resourceTypes, Optional<UUID> after, int limit);

    /** How many deposits are pending. */
    long countPending(Set<String> resourceTypes);

    /**
     * Seals and stores the deposit's features (if any) and the patient's facts (if present and the patient has none
     * yet), and marks the deposit done; idempotent.
     */
    void complete(Pending deposit, List<FeatureStore.RecordFeatures> features, Optional<PatientFacts> facts);
}
