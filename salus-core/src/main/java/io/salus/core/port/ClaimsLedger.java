package io.salus.core.port;

import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;

/**
 * The claims payout contract (ClaimsPayout, decision 0027): insurers fund it, the node (its adjudicator) records each
 * adjudicated claim's salted digest and approved amount and pays approved claims to their payee, once. Thread-safe.
 */
public interface ClaimsLedger {
    /** The insurer (by its signing key) approves and moves {@code amount} of its tokens into its payout balance. */
    Result<TxRef> fund(byte[] insurerKey, long amount);

    /** The insurer's payout balance. */
    long fundsOf(EvmAddress insurer);

    /** Records a claim once per key; CLAIM_ALREADY_RECORDED for a key recorded before. */
    Result<TxRef> record(Hash32 claimKey, Hash32 digest, EvmAddress insurer, EvmAddress payee, long approved);

    /** Pays a recorded, approved claim once; CLAIM_ALREADY_PAID, CLAIM_NOT_PAYABLE, CLAIM_INSUFFICIENT_FUNDS. */
    Result<TxRef> pay(Hash32 claimKey);

    /** A claim as the chain holds it (digest ZERO when unknown). */
    OnChain claimOf(Hash32 claimKey);

    record OnChain(EvmAddress insurer, EvmAddress payee, long approved, boolean paid, Hash32 digest) {
        public boolean recorded() {
            return !digest.equals(Hash32.ZERO);
        }
    }
}
