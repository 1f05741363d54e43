package io.salus.core.recovery;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.AccountStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The patient stops a recovery of their key before it completes: with their current API token ({@link #cancel}, the
 * node cancels on chain for them; the operator may too), or with their own key ({@link #prepare} gives the EIP-712
 * digest, {@link #cancelSigned} relays the signature, which the contract verifies against the patient's address). The
 * chain is the arbiter between a cancellation and a completion racing it: the completion marks the request executed on
 * chain before it rotates anything, and a cancelled request can no longer be marked. The patient and every guardian
 * are alerted. Thread-safe.
 */
public final class RecoveryCancellation {
    private static final Duration DEADLINE = Duration.ofMinutes(10);
    private final AccountStore accounts;
    private final RecoveryLedger ledger;
    private final RecoveryStore store;
    private final Clock clock;

    public RecoveryCancellation(AccountStore accounts, RecoveryLedger ledger, RecoveryStore store, Clock clock) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.store = store;
        this.clock = clock;
    }

    /** What the patient signs to cancel with their key: the unsigned instruction (nonce, deadline) and its digest. */
    public record Prepared(Signed<RecoveryPayloads.Cancel> unsigned, Hash32 digest) {
    }

    /** Cancels with an authenticated account: the patient themself (their current token) or the operator. */
    public Result<RecoveryRequest> cancel(Account actor, UUID recoveryId) {
        return open(recoveryId).flatMap(r -> {
            if (!actor.id().equals(r.patient()) && actor.kind() != AccountKind.OPERATOR) {
                return Result.fail(ErrorCode.RECOVERY_CANCEL_FORBIDDEN, "only the patient or the operator cancels a "
                        + "recovery");
            }
            return ledger.cancel(r.chainRequestId()).flatMap(tx -> record(r, actor.id(), actor.displayName()));
        });
    }

    /** The instruction the patient signs with their own key to cancel the recovery. */
    public Result<Prepared> prepare(UUID recoveryId) {
        return open(recoveryId).flatMap(r -> patient(r).map(p -> {
            var payload = new RecoveryPayloads.Cancel(r.chainRequestId(), p.address());
            Instant deadline = Instant.ofEpochSecond(clock.instant().plus(DEADLINE).getEpochSecond());
            Signed<RecoveryPayloads.Cancel> unsigned = new Signed<>(payload, p.address(),
                    ledger.nextNonce(p.address()), deadline, new byte[0]);
            return new Prepared(unsigned, ledger.digest(unsigned));
        }));
    }

    /** Cancels with the patient's signature over {@link #prepare}'s instruction (no API token needed). */
    public Result<RecoveryRequest> cancelSigned(UUID recoveryId, long nonce, Instant deadline, byte[] signature) {
        return open(recoveryId).flatMap(r -> patient(r).flatMap(p -> {
            Signed<RecoveryPayloads.Cancel> signed = new Signed<>(new RecoveryPayloads.Cancel(r.chainRequestId(),
                    p.address()), p.address(), nonce, deadline, signature);
            Result<TxRef> sent = ledger.cancelBySig(signed);
            return sent.flatMap(tx -> record(r, p.id(), p.displayName() + " (with their own key)"));
        }));
    }

    private Result<RecoveryRequest> open(UUID recoveryId) {
        return RecoveryService.pending(store, recoveryId);
    }

    private Result<Account> patient(RecoveryRequest r) {
        return accounts.find(r.patient()).<Result<Account>>map(Result::ok)
                .orElseGet(() -> Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + r.patient()));
    }

    private Result<RecoveryRequest> record(RecoveryRequest r, AccountId by, String byName) {
        Instant now = clock.instant();
        List<AccountId> guardians = store.guardians(r.patient()).map(RecoveryService::guardianIds).orElse(List.of());
        store.cancel(r.id(), by, now, RecoveryAlert.toAll(r.id(), r.patient(), guardians,
                RecoveryAlert.Kind.RECOVERY_CANCELLED, now, "The recovery of the patient's key was cancelled by "
                        + byName + "; nothing was changed."));
        return Result.ok(store.find(r.id()).orElseThrow());
    }
}
