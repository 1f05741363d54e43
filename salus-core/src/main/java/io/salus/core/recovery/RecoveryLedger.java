package io.salus.core.recovery;

import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.Signed;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The recovery contract (port): guardian sets signed by patients, recoveries opened by the node, approvals signed by
 * guardians, counted once each. Writes are mined before they return; chain faults are
 * {@link io.salus.core.error.UnavailableException}s. Thread-safe.
 */
public interface RecoveryLedger {

    /** The signer's next nonce on the recovery contract. */
    long nextNonce(EvmAddress signer);

    /** The EIP-712 digest a signer signs for this instruction (its signature is ignored). */
    Hash32 digest(Signed<?> unsigned);

    /** Records a guardian set; returns its epoch. {@code RECOVERY_INVALID_GUARDIANS} or a signature code if refused. */
    Result<Epoch> setGuardians(Signed<RecoveryPayloads.SetGuardians> signed);

    /**
     * Opens a recovery of the patient's key towards {@code newKeyHash}, recording who opened it (a guardian or the
     * operator, as the node authenticated them); {@code RECOVERY_NO_GUARDIANS} if none.
     */
    Result<Opened> open(EvmAddress patient, Hash32 newKeyHash, EvmAddress opener);

    /**
     * A guardian's approval. Refused by the contract: a non-guardian ({@code RECOVERY_NOT_A_GUARDIAN}), a second
     * approval ({@code RECOVERY_ALREADY_APPROVED}), a request under an older guardian set ({@code RECOVERY_STALE}).
     */
    Result<TxRef> approve(Signed<RecoveryPayloads.Approve> signed);

    /** The request as the chain holds it now. */
    ChainRequest request(long requestId);

    boolean hasApproved(long requestId, EvmAddress guardian);

    /**
     * Marks an executable request carried out: {@code RECOVERY_NOT_ENOUGH_APPROVALS} below the threshold,
     * {@code RECOVERY_WAITING} inside the waiting period, {@code RECOVERY_CANCELLED} once cancelled.
     */
    Result<TxRef> markExecuted(long requestId);

    /** Cancels a request for its patient (the node, having authenticated the patient or the operator). */
    Result<TxRef> cancel(long requestId);

    /** The patient's own signed cancellation; {@code INVALID_SIGNATURE} if not the request's patient's. */
    Result<TxRef> cancelBySig(Signed<RecoveryPayloads.Cancel> signed);

    /** How long an approved request waits on chain before it can be executed (fixed when the contract was deployed). */
    Duration waitingPeriod();

    record Epoch(long epoch, TxRef tx) {
    }

    record Opened(long requestId, long epoch, TxRef tx) {
    }

    /**
     * A request on chain; {@code patient} is empty (zero address) for an unknown id. {@code readyAt} is when the
     * approvals reached the threshold and {@code executableAt} when the chain's waiting period ends (both empty before);
     * {@code executable} says the chain would let it be executed now.
     */
    record ChainRequest(EvmAddress patient, long epoch, int approvals, int threshold, boolean executed,
            boolean executable, Hash32 newKeyHash, boolean cancelled, Optional<Instant> readyAt,
            Optional<Instant> executableAt) {

        /** Whether k guardians approved (whatever the waiting period and cancellation say). */
        public boolean approved() {
            return readyAt.isPresent();
        }
    }
}
