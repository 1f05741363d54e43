package io.salus.core.port;

import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.trial.StudyTerms;
import java.util.Optional;

/**
 * The TrialEscrow contract: a study's escrow funded by its sponsor, a fee paid per enrolled patient against the
 * patient's EIP-712 study-scoped consent, the rest refunded after the deadline. Every write has an explicit gas limit
 * and is idempotent: repeating a write already on chain returns its original transaction. Failures:
 * {@code TRIAL_*} codes mapped from the contract's custom errors, checked before sending where the chain's state
 * allows; chain faults are {@link io.salus.core.error.UnavailableException}s. Thread-safe.
 */
public interface TrialLedger {

    /** The EIP-712 digest a patient signs to consent to {@code study}, naming {@code payee} as who is paid. */
    Hash32 consentDigest(Hash32 study, EvmAddress patient, EvmAddress payee);

    /**
     * Funds a study from the sponsor's account ({@code sponsorKey}: its secp256k1 private key): approves the escrow,
     * (fee + the milestone fees) × cap, then funds, which pulls it. Failures: {@code TRIAL_INSUFFICIENT_FUNDS}, {@code TRIAL_INVALID_TERMS},
     * {@code TRIAL_EXISTS} (another sponsor or other terms).
     */
    Result<TxRef> fund(Hash32 study, StudyTerms terms, Hash32 protocolHash, byte[] sponsorKey);

    /**
     * Enrols a patient and pays the fee to {@code payee}, sent by the node (the escrow's enroller). Failures:
     * {@code TRIAL_NOT_FOUND}, {@code TRIAL_CLOSED}, {@code TRIAL_FULL}, {@code TRIAL_ALREADY_ENROLLED} (by another
     * consent), {@code TRIAL_CONSENT_NOT_SIGNED}.
     */
    Result<TxRef> enrol(Hash32 study, EvmAddress patient, EvmAddress payee, byte[] signature);

    /**
     * Pays milestone {@code index} of the study for an enrolled patient to the payee named at enrolment, sent from the
     * sponsor's account ({@code sponsorKey}), once (a repeat returns the original transaction). Failures:
     * {@code TRIAL_NOT_FOUND}, {@code FORBIDDEN} (not the study's sponsor), {@code TRIAL_CLOSED},
     * {@code TRIAL_MILESTONE_UNKNOWN}, {@code TRIAL_NOT_ENROLLED}.
     */
    Result<TxRef> payMilestone(Hash32 study, int index, EvmAddress patient, byte[] sponsorKey);

    /** Whether milestone {@code index} of the study was paid for the patient. */
    boolean milestonePaid(Hash32 study, EvmAddress patient, int index);

    /** After the deadline, returns what was not paid to the sponsor. Failures: {@code TRIAL_STILL_OPEN}. */
    Result<TxRef> refund(Hash32 study);

    /** The study as the escrow holds it; empty when it was never funded. */
    Optional<OnChain> study(Hash32 study);

    boolean enrolled(Hash32 study, EvmAddress patient);

    /** A study's escrow on chain. */
    record OnChain(EvmAddress sponsor, long fee, int cap, int enrolled, long deadline, boolean refunded,
            Hash32 protocolHash) {
    }
}
