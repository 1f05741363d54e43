package io.salus.core.custody;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.ApiToken;
import io.salus.core.account.CustodyMode;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.AccountStore;
import io.salus.core.recovery.GuardianSet;
import io.salus.core.recovery.RecoveryAlert;
import io.salus.core.recovery.RecoveryLedger;
import io.salus.core.recovery.RecoveryLedger.ChainRequest;
import io.salus.core.recovery.RecoveryPayloads;
import io.salus.core.recovery.RecoveryRequest;
import io.salus.core.recovery.RecoveryService;
import io.salus.core.recovery.RecoveryStore;
import io.salus.core.recovery.RecoveryTokens;
import io.salus.core.recovery.SealedShare;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Opening and approving the recovery of a self-custodied patient's keys (docs/custody.md). A guardian or the operator
 * opens it towards the patient's new device (its address and X25519 public key, which the patient hands over out of
 * band); the chain records keccak256(address ‖ key). Each guardian's device fetches its sealed share
 * ({@link #prepareApproval}), opens it, seals it again to the new device's key and signs the approval with the
 * guardian's own key; {@link #approve} refuses a signature that is not the guardian's, relays it (the contract checks
 * it again) and stores the re-sealed share, which only the new device opens. Guardians whose keys the node holds
 * approve through the custodial path ({@code POST /recoveries/{id}/approvals}), which re-seals to the same device key.
 * Thread-safe.
 */
public final class DeviceRecovery {
    private static final Duration DEADLINE = Duration.ofMinutes(10);
    private final AccountStore accounts;
    private final RecoveryLedger ledger;
    private final RecoveryStore store;
    private final RecoveryService recoveries;
    private final IdentityRotation rotation;
    private final AddressRecovery signatures;
    private final Clock clock;
    private final SecureRandom random;

    public DeviceRecovery(AccountStore accounts, RecoveryLedger ledger, RecoveryStore store,
            RecoveryService recoveries, IdentityRotation rotation, AddressRecovery signatures, Clock clock,
            SecureRandom random) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.store = store;
        this.recoveries = recoveries;
        this.rotation = rotation;
        this.signatures = signatures;
        this.clock = clock;
        this.random = random;
    }

    public Result<RecoveryService.Opened> open(Account opener, AccountId patientId, EvmAddress newAddress,
            byte[] newEncryptionPublicKey) {
        Optional<GuardianSet> set = store.guardians(patientId);
        if (set.flatMap(g -> g.guardian(opener.id())).isEmpty() && opener.kind() != AccountKind.OPERATOR) {
            return Result.fail(ErrorCode.RECOVERY_OPENER_FORBIDDEN, "only a guardian of the patient or the operator "
                    + "opens a recovery");
        }
        Optional<Account> patient = accounts.find(patientId);
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + patientId);
        }
        if (accounts.custodyOf(patientId) != CustodyMode.SELF) {
            return Result.fail(ErrorCode.RECOVERY_NOT_ON_DEVICE, "the node holds this patient's keys: POST "
                    + "/patients/" + patientId + "/recoveries");
        }
        if (set.isEmpty()) {
            return Result.fail(ErrorCode.RECOVERY_NO_GUARDIANS, "patient " + patientId + " has named no guardians");
        }
        if (newEncryptionPublicKey == null || newEncryptionPublicKey.length != 32) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "newEncryptionPublicKey must be 32 bytes (X25519)");
        }
        if (accounts.findByAddress(newAddress).isPresent() || rotation.rotatedTo(newAddress).isPresent()) {
            return Result.fail(ErrorCode.CUSTODY_ADDRESS_TAKEN, "the address " + newAddress + " is not a fresh key");
        }
        String claim = RecoveryTokens.newClaim(random);
        Hash32 target = RecoveryService.deviceKeyHash(newAddress, newEncryptionPublicKey);
        return ledger.open(patient.get().address(), target, opener.address()).map(opened -> {
            Instant now = clock.instant();
            RecoveryRequest r = new RecoveryRequest(UUID.randomUUID(), patientId, opened.requestId(), opened.epoch(),
                    newEncryptionPublicKey, new byte[0], ApiToken.hash(claim), opened.tx().txHash(), now,
                    Optional.of(opener.id()), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(newAddress));
            store.open(r, RecoveryAlert.toAll(r.id(), patientId, RecoveryService.guardianIds(set.get()),
                    RecoveryAlert.Kind.RECOVERY_OPENED, now, "A recovery of " + patient.get().displayName()
                            + "'s keys to a new device (address " + newAddress + ") was opened by "
                            + opener.displayName() + " (" + opener.kind() + "). Guardians: approve only if the "
                            + "patient confirmed that address to you. Once " + set.get().threshold() + " approve, "
                            + "the new device can complete it after the waiting period; until then the patient can "
                            + "cancel it (POST /recoveries/" + r.id() + "/cancellation)."));
            return new RecoveryService.Opened(r, claim);
        });
    }

    /** What a guardian's device needs: the share sealed to it, the new device's keys, and what to sign. */
    public record ApprovalPlan(RecoveryRequest request, SealedShare share, byte[] shareContext,
            byte[] approvalContext, Signed<RecoveryPayloads.Approve> unsigned) {
    }

    public Result<ApprovalPlan> prepareApproval(Account guardian, UUID recoveryId) {
        Result<RecoveryRequest> pending = RecoveryService.pending(store, recoveryId);
        if (!(pending instanceof Result.Ok<RecoveryRequest> found)) {
            return pending.propagate();
        }
        RecoveryRequest r = found.value();
        Result<SealedShare> own = RecoveryService.guardianShare(store, r, guardian.id());
        if (!(own instanceof Result.Ok<SealedShare> share)) {
            return own.propagate();
        }
        int x = share.value().x();
        Instant deadline = Instant.ofEpochSecond(clock.instant().plus(DEADLINE).getEpochSecond());
        var payload = new RecoveryPayloads.Approve(r.chainRequestId(), guardian.address(), RecoveryService.keyHash(r));
        return Result.ok(new ApprovalPlan(r, share.value(), RecoveryService.shareContext(r.patient(), guardian.id(), x),
                RecoveryService.approvalContext(r.id(), x), new Signed<>(payload, guardian.address(),
                        ledger.nextNonce(guardian.address()), deadline, new byte[0])));
    }

    public Hash32 digest(Signed<RecoveryPayloads.Approve> unsigned) {
        return ledger.digest(unsigned);
    }

    /**
     * A guardian's approval signed on their device, with their share re-sealed to the recovery's new key there. A
     * signature by any key other than the guardian's is refused ({@code RECOVERY_APPROVAL_WRONG_KEY}) before anything
     * reaches the chain, and by the contract if it did; a repeat counts once.
     */
    public Result<RecoveryService.Status> approve(Account guardian, UUID recoveryId, long nonce, Instant deadline,
            byte[] signature, byte[] resealed) {
        Result<ApprovalPlan> plan = prepareApproval(guardian, recoveryId);
        if (!(plan instanceof Result.Ok<ApprovalPlan> ok)) {
            return plan.propagate();
        }
        if (store.approvals(recoveryId).stream().anyMatch(a -> a.holder().equals(guardian.id()))) {
            return recoveries.status(recoveryId);
        }
        if (resealed == null || resealed.length < 32) {
            return Result.fail(ErrorCode.RECOVERY_SHARES_INVALID, "resealed must be the share sealed to the new key");
        }
        RecoveryRequest r = ok.value().request();
        Signed<RecoveryPayloads.Approve> signed = new Signed<>(ok.value().unsigned().payload(), guardian.address(),
                nonce, deadline, signature);
        if (!(signatures.recover(ledger.digest(signed), signature) instanceof Result.Ok<EvmAddress> by)
                || !by.value().equals(guardian.address())) {
            return Result.fail(ErrorCode.RECOVERY_APPROVAL_WRONG_KEY, "the approval is not signed by the key of "
                    + guardian.id() + " (" + guardian.address() + ")");
        }
        Result<TxRef> relayed = ledger.approve(signed);
        if (!relayed.isOk() && relayed.failure().code() != ErrorCode.RECOVERY_ALREADY_APPROVED) {
            return relayed.propagate();
        }
        String tx = relayed instanceof Result.Ok<TxRef> sent ? sent.value().txHash() : "";
        Instant now = clock.instant();
        ChainRequest chain = ledger.request(r.chainRequestId());
        String text = guardian.displayName() + " approved, on their own device, the recovery of the patient's keys "
                + r.newAddress().map(a -> "to the device " + a).orElse("to its new key") + " (" + chain.approvals()
                + " of "
                + chain.threshold() + ")";
        store.saveApproval(recoveryId, new SealedShare(r.patient(), guardian.id(), ok.value().share().x(), resealed),
                tx, now, RecoveryAlert.toAll(recoveryId, r.patient(), RecoveryService.guardianIds(
                        store.guardians(r.patient()).orElseThrow()), RecoveryAlert.Kind.RECOVERY_APPROVED, now,
                        text));
        return recoveries.status(recoveryId);
    }
}
