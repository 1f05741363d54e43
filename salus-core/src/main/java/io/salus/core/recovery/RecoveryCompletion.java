package io.salus.core.recovery;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.ApiToken;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.port.AccountStore;
import io.salus.core.record.RecordBinding;
import io.salus.core.record.RecordId;
import io.salus.core.recovery.RecoveryLedger.ChainRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes a recovery once the chain counts k guardian approvals and the waiting period has passed (the node's
 * {@code waitingPeriod} from the approval that reached k, and the contract's own; before, {@code RECOVERY_WAITING} with
 * the time left), unless the patient cancelled it: the k shares re-sealed to the new key are opened with it and
 * combined; the result must be the patient's registered private key (fail closed otherwise); every patient-wrapped data
 * key is opened with it and wrapped to the new key; the chain request is marked executed (the chain decides between a
 * completion and a cancellation racing it); then, in one store transaction, the wrapped keys, the account's key pair
 * and API token are replaced, the retired guardian set dropped, the recovery marked done and the patient and every
 * guardian alerted. Idempotent by recovery id: a repeat with the same claim returns the same API token, and finishes
 * the store step if a crash skipped it after the chain step. Thread-safe.
 */
public final class RecoveryCompletion {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryCompletion.class);
    private static final int ATTEMPTS = 3;
    private final AccountStore accounts;
    private final RecoveryKeys keys;
    private final RecoveryLedger ledger;
    private final RecoveryStore store;
    private final Clock clock;
    private final Duration waitingPeriod;

    public RecoveryCompletion(AccountStore accounts, RecoveryKeys keys, RecoveryLedger ledger, RecoveryStore store,
            Clock clock, Duration waitingPeriod) {
        this.waitingPeriod = waitingPeriod;
        this.accounts = accounts;
        this.keys = keys;
        this.ledger = ledger;
        this.store = store;
        this.clock = clock;
    }

    /** A completed recovery: the patient's new API token and how many data keys were re-wrapped (0 on a repeat). */
    public record Completed(UUID recoveryId, String apiToken, int rewrapped, boolean repeated) {
    }

    public Result<Completed> complete(UUID recoveryId, String claim) {
        Optional<RecoveryRequest> found = store.find(recoveryId);
        if (found.isEmpty()) {
            return Result.fail(ErrorCode.RECOVERY_NOT_FOUND, "no recovery " + recoveryId);
        }
        RecoveryRequest r = found.get();
        if (!RecoveryTokens.wellFormedClaim(claim) || !ApiToken.hash(claim).equals(r.claimHash())) {
            return Result.fail(ErrorCode.RECOVERY_CLAIM_INVALID, "the claim token does not match recovery "
                    + recoveryId);
        }
        if (r.toDevice()) {
            return Result.fail(ErrorCode.RECOVERY_ON_DEVICE, "recovery " + recoveryId + " goes to a new device: the "
                    + "device combines the shares (POST /recoveries/" + recoveryId + "/device-completion/prepare)");
        }
        String apiToken = RecoveryTokens.apiToken(claim, recoveryId);
        ChainRequest chain = ledger.request(r.chainRequestId());
        if (r.completed()) {
            markExecuted(r, chain);
            return Result.ok(new Completed(recoveryId, apiToken, 0, true));
        }
        if (r.cancelled() || chain.cancelled()) {
            return Result.fail(ErrorCode.RECOVERY_CANCELLED, "recovery " + recoveryId + " was cancelled");
        }
        if (!chain.executed()) {
            Result<Boolean> ready = ready(r, chain);
            if (!ready.isOk()) {
                return Result.fail(ready.failure());
            }
        }
        List<SealedShare> approvals = store.approvals(recoveryId);
        if (approvals.size() < chain.threshold()) {
            return Result.fail(ErrorCode.RECOVERY_NOT_ENOUGH_APPROVALS, approvals.size() + " of " + chain.threshold()
                    + " guardians' shares reached the new key; the others approve again");
        }
        Result<byte[]> oldKey = reconstruct(r, approvals, chain.threshold());
        if (!(oldKey instanceof Result.Ok<byte[]> ok)) {
            return oldKey.propagate();
        }
        try {
            if (!chain.executed()) {
                Result<?> marked = ledger.markExecuted(r.chainRequestId());
                if (!marked.isOk()) {
                    return Result.fail(marked.failure());
                }
            }
            List<AccountId> guardians = store.guardians(r.patient()).map(RecoveryService::guardianIds)
                    .orElse(List.of());
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Result<Map<RecordId, byte[]>> rewrapped = rewrapAll(r, ok.value());
                if (!(rewrapped instanceof Result.Ok<Map<RecordId, byte[]>> all)) {
                    return rewrapped.propagate();
                }
                Instant now = clock.instant();
                boolean done = store.complete(new RecoveryStore.Completion(recoveryId, r.patient(), all.value(),
                        r.newPublicKey(), r.newSealedPrivateKey(), ApiToken.hash(apiToken), now,
                        RecoveryAlert.toAll(recoveryId, r.patient(), guardians, RecoveryAlert.Kind.RECOVERY_COMPLETED,
                                now, "The recovery of the patient's key was completed: the patient's encryption key "
                                        + "and API token were replaced, and the guardians must be named again.")));
                if (done) {
                    int late = sweep(r, ok.value(), all.value());
                    LOG.info("Recovery {} of {}: key rotated, {} data keys re-wrapped", recoveryId, r.patient(),
                            all.value().size() + late);
                    return Result.ok(new Completed(recoveryId, apiToken, all.value().size() + late, false));
                }
                if (store.find(recoveryId).map(RecoveryRequest::completed).orElse(false)) {
                    return Result.ok(new Completed(recoveryId, apiToken, 0, true));
                }
            }
        } finally {
            Arrays.fill(ok.value(), (byte) 0);
        }
        return Result.fail(ErrorCode.STORE_UNAVAILABLE, "the patient's records kept changing during the recovery; "
                + "complete it again");
    }

    /** Approved by k guardians of the current set, and past both waiting periods (device recoveries too). */
    public Result<Boolean> ready(RecoveryRequest r, ChainRequest chain) {
        if (store.guardians(r.patient()).map(g -> g.epoch() != r.epoch()).orElse(true)) {
            return Result.fail(ErrorCode.RECOVERY_STALE, "the patient named other guardians after recovery " + r.id()
                    + " was opened");
        }
        Optional<Instant> from = RecoveryService.completableAt(chain, waitingPeriod);
        if (from.isEmpty()) {
            return Result.fail(ErrorCode.RECOVERY_NOT_ENOUGH_APPROVALS, chain.approvals() + " of "
                    + chain.threshold() + " guardians approved recovery " + r.id() + " on chain");
        }
        Instant now = clock.instant();
        if (now.isBefore(from.get()) || !chain.executable()) {
            Duration left = now.isBefore(from.get()) ? Duration.between(now, from.get()) : Duration.ofSeconds(1);
            return Result.fail(Failure.retryAfter(ErrorCode.RECOVERY_WAITING, "recovery " + r.id() + " can be "
                    + "completed from " + from.get() + " (the patient may cancel it until then)", left));
        }
        return Result.ok(true);
    }

    private Result<byte[]> reconstruct(RecoveryRequest r, List<SealedShare> approvals, int k) {
        Optional<Account> patient = accounts.find(r.patient());
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + r.patient());
        }
        List<ShamirShare> shares = new ArrayList<>();
        for (SealedShare a : approvals.subList(0, k)) {
            Result<byte[]> plain = keys.open(r.newSealedPrivateKey(), a.sealed(),
                    RecoveryService.approvalContext(r.id(), a.x()));
            if (!(plain instanceof Result.Ok<byte[]> p)) {
                return plain.propagate();
            }
            shares.add(ShamirShare.decode(p.value()));
            Arrays.fill(p.value(), (byte) 0);
        }
        return Shamir.combine(shares, k).flatMap(secret -> {
            if (!Arrays.equals(keys.publicKey(secret), patient.get().encryptionPublicKey())) {
                Arrays.fill(secret, (byte) 0);
                return Result.fail(ErrorCode.RECOVERY_KEY_MISMATCH, "the combined shares are not the registered key "
                        + "of " + r.patient() + "; nothing was changed");
            }
            return Result.ok(secret);
        });
    }

    private Result<Map<RecordId, byte[]>> rewrapAll(RecoveryRequest r, byte[] oldKey) {
        Map<RecordId, byte[]> out = new LinkedHashMap<>();
        for (RecoveryStore.PatientWrap w : store.patientWraps(r.patient())) {
            byte[] aad = RecordBinding.associatedData(w.record(), r.patient(), w.category());
            Result<byte[]> again = keys.rewrap(oldKey, w.wrappedForPatient(), aad, r.newPublicKey());
            if (!(again instanceof Result.Ok<byte[]> ok)) {
                return Result.fail(again.failure().code(), "the data key of record " + w.record()
                        + " does not open with the patient's key; nothing was changed");
            }
            out.put(w.record(), ok.value());
        }
        return Result.ok(out);
    }

    /**
     * Deposits do not take the account lock: one that read the old public key may commit after the completion. Such
     * records still open with the old key (held here until this returns): they are re-wrapped too, compare-and-set.
     */
    private int sweep(RecoveryRequest r, byte[] oldKey, Map<RecordId, byte[]> done) {
        Map<RecordId, byte[]> expected = new LinkedHashMap<>();
        Map<RecordId, byte[]> replacement = new LinkedHashMap<>();
        for (RecoveryStore.PatientWrap w : store.patientWraps(r.patient())) {
            if (done.containsKey(w.record())) {
                continue;
            }
            byte[] aad = RecordBinding.associatedData(w.record(), r.patient(), w.category());
            if (keys.rewrap(oldKey, w.wrappedForPatient(), aad, r.newPublicKey()) instanceof Result.Ok<byte[]> ok) {
                expected.put(w.record(), w.wrappedForPatient());
                replacement.put(w.record(), ok.value());
            }
        }
        return replacement.isEmpty() ? 0 : store.replaceWraps(r.patient(), expected, replacement);
    }

    private void markExecuted(RecoveryRequest r, ChainRequest chain) {
        if (chain.executed()) {
            return;
        }
        Result<?> marked = ledger.markExecuted(r.chainRequestId());
        if (!marked.isOk()) {
            LOG.warn("Recovery {}: the chain request {} was not marked executed: {}", r.id(), r.chainRequestId(),
                    marked.failure().detail());
        }
    }
}
