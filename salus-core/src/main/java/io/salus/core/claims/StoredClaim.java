package io.salus.core.claims;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A submitted, adjudicated claim as the node keeps it: who (patient, provider, insurer), against which coverage, when,
 * the outcome with its approved total and reasons, the Claim and the ClaimResponse (FHIR R4 JSON, sealed at rest), the
 * salted digest anchored on chain and its salt, and the chain's progress (the anchoring and payout transactions).
 */
public record StoredClaim(UUID id, AccountId patient, AccountId provider, AccountId insurer, UUID coverage,
        Instant submittedAt, Adjudication.Outcome outcome, long approvedTotal, List<ClaimReason> reasons,
        byte[] claimJson, byte[] responseJson, Hash32 digest, Hash32 salt, Optional<String> anchorTx,
        Optional<String> payoutTx) {
    public StoredClaim {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(anchorTx, "anchorTx");
        Objects.requireNonNull(payoutTx, "payoutTx");
    }

    /** Whether {@code account} is one of the claim's three parties, the only accounts that see it. */
    public boolean party(AccountId account) {
        return patient.equals(account) || provider.equals(account) || insurer.equals(account);
    }

    /** The claim's key on chain: keccak-256 of a fixed prefix and its id (names nothing else). */
    public static Hash32 chainKey(UUID id) {
        return io.salus.core.merkle.Hashing.keccak256(("salus-claim:" + id).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The salted digest of a claim's canonical JSON: keccak-256(salt ‖ sha-256(canonical)). */
    public static Hash32 digest(Hash32 salt, byte[] canonical) {
        return io.salus.core.merkle.Hashing.keccak256(salt.bytes(), io.salus.core.merkle.Hashing.sha256(canonical)
                .bytes());
    }

    /** Where the claim stands: refused, approved and awaiting the chain, recorded, or paid. */
    public String state() {
        if (payoutTx.isPresent()) {
            return "PAID";
        }
        if (outcome == Adjudication.Outcome.REFUSED) {
            return anchorTx.isPresent() ? "REFUSED" : "REFUSED_ANCHORING";
        }
        return anchorTx.isPresent() ? "APPROVED_PAYING" : "APPROVED_ANCHORING";
    }
}
