package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.claims.CoveragePlan;
import io.salus.core.claims.StoredClaim;
import io.salus.core.outbox.OutboxMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Coverage plans and adjudicated claims (docs/care.md). Thread-safe. */
public interface ClaimStore {
    void saveCoverage(CoveragePlan plan);

    Optional<CoveragePlan> coverage(UUID id);

    /** The plans an account is the insurer or the patient of, newest first. */
    List<CoveragePlan> coveragesOf(AccountId party, int limit);

    /** What the coverage's claims approved so far, per service code. */
    Map<String, Long> approvedSoFar(UUID coverage);

    /**
     * The claim, what it approved per service code (empty when refused) and the outbox message that anchors it (and
     * pays it when approved), in one transaction.
     */
    void saveClaim(StoredClaim claim, Map<String, Long> approvedByService, OutboxMessage settle);

    Optional<StoredClaim> claim(UUID id);

    /** The claims an account is the patient, the provider or the insurer of, newest first. */
    List<StoredClaim> claimsOf(AccountId party, int limit);

    void markAnchored(UUID id, String txHash);

    void markPaid(UUID id, String txHash);
}
