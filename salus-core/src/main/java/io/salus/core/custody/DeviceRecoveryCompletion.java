package io.salus.core.custody;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.ApiToken;
import io.salus.core.account.Did;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.AccountStore;
import io.salus.core.record.RecordId;
import io.salus.core.recovery.RecoveryAlert;
import io.salus.core.recovery.RecoveryCompletion;
import io.salus.core.recovery.RecoveryLedger;
import io.salus.core.recovery.RecoveryLedger.ChainRequest;
import io.salus.core.recovery.RecoveryRequest;
import io.salus.core.recovery.RecoveryService;
import io.salus.core.recovery.RecoveryStore;
import io.salus.core.recovery.RecoveryTokens;
import io.salus.core.recovery.SealedShare;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Completes a recovery on the patient's new device (docs/custody.md). Once k guardians approved on chain and the
 * waiting period passed (unless the patient cancelled), {@link #prepare} hands the claim holder the k shares re-sealed
 * to the new device's key, the patient's data keys wrapped to the old key, and the rotation of the identity to sign;
 * the device combines the shares into the old keys, checks them against the registered address and X25519 key, signs
 * the rotation with the old key and re-wraps every data key to its new key. {@link #complete} checks the rotation is
 * the old key's signature, marks the chain request executed and, in one transaction, moves the account to the new
 * address and key with the rotation in the outbox. The node never holds a private key of the patient's, before or
 * after. Idempotent by recovery id (a repeat with the same claim returns the same API token). Thread-safe.
 */
public final class DeviceRecoveryCompletion {
    static final Duration ROTATION_DEADLINE = Duration.ofDays(30);
    private static final Duration MIN_DEADLINE = Duration.ofHours(1);

    /** The ports completing a device recovery uses. */
    public record Ports(AccountStore accounts, CustodyStore custody, RecoveryStore store, RecoveryLedger ledger,
            RecoveryCompletion checks, IdentityRotation rotation, AddressRecovery signatures) {
    }

    private final Ports p;
    private final long chainId;
    private final Clock clock;

    public DeviceRecoveryCompletion(Ports ports, long chainId, Clock clock) {
        this.p = ports;
        this.chainId = chainId;
        this.clock = clock;
    }

    /** What the new device needs to finish. */
    public record Prepared(RecoveryRequest request, Account patient, int threshold, List<SealedShare> shares,
            List<RecoveryStore.PatientWrap> wraps, Signed<Rotation> rotation, Hash32 rotationDigest) {
    }

    public record Completed(UUID recoveryId, String apiToken, EvmAddress address, int rewrapped, boolean repeated) {
    }

    public Result<Prepared> prepare(UUID recoveryId, String claim) {
        return ready(recoveryId, claim).flatMap(r -> patient(r).map(patient -> {
            ChainRequest chain = p.ledger().request(r.chainRequestId());
            Instant deadline = Instant.ofEpochSecond(clock.instant().plus(ROTATION_DEADLINE).getEpochSecond());
            Signed<Rotation> unsigned = new Signed<>(new Rotation(patient.address(), r.newAddress().orElseThrow()),
                    patient.address(), p.rotation().nextNonce(patient.address()), deadline, new byte[0]);
            return new Prepared(r, patient, chain.threshold(), p.store().approvals(r.id()), p.store().patientWraps(
                    r.patient()), unsigned, p.rotation().digest(unsigned));
        }));
    }

    public Result<Completed> complete(UUID recoveryId, String claim, long nonce, Instant deadline, byte[] signature,
            Map<RecordId, byte[]> rewrapped) {
        Optional<RecoveryRequest> done = p.store().find(recoveryId).filter(RecoveryRequest::completed);
        if (done.isPresent() && claimed(done.get(), claim)) {
            return Result.ok(new Completed(recoveryId, RecoveryTokens.apiToken(claim, recoveryId), done.get()
                    .newAddress().orElseThrow(), 0, true));
        }
        return ready(recoveryId, claim).flatMap(r -> patient(r).flatMap(patient -> {
            EvmAddress newAddress = r.newAddress().orElseThrow();
            Signed<Rotation> signed = new Signed<>(new Rotation(patient.address(), newAddress), patient.address(),
                    nonce, deadline, signature);
            if (deadline.isBefore(clock.instant().plus(MIN_DEADLINE))
                    || !(p.signatures().recover(p.rotation().digest(signed),
                            signature) instanceof Result.Ok<EvmAddress> by)
                    || !by.value().equals(patient.address())) {
                return Result.fail(ErrorCode.RECOVERY_ROTATION_INVALID, "the rotation to " + newAddress + " is not "
                        + "signed by the patient's recovered key " + patient.address()
                        + " (or expires within an hour)");
            }
            if (p.accounts().findByAddress(newAddress).isPresent()) {
                return Result.fail(ErrorCode.CUSTODY_ADDRESS_TAKEN, "the address " + newAddress + " is taken");
            }
            ChainRequest chain = p.ledger().request(r.chainRequestId());
            if (!chain.executed()) {
                Result<?> marked = p.ledger().markExecuted(r.chainRequestId());
                if (!marked.isOk()) {
                    return Result.fail(marked.failure());
                }
            }
            String apiToken = RecoveryTokens.apiToken(claim, recoveryId);
            Instant now = clock.instant();
            List<AccountId> guardians = p.store().guardians(r.patient()).map(RecoveryService::guardianIds)
                    .orElse(List.of());
            boolean stored = p.custody().recoverOnDevice(new DeviceRecovered(recoveryId, r.patient(),
                    patient.address(), newAddress, Did.pkh(chainId, newAddress), r.newPublicKey(), rewrapped,
                    ApiToken.hash(apiToken), now, RecoveryAlert.toAll(recoveryId, r.patient(), guardians,
                            RecoveryAlert.Kind.RECOVERY_COMPLETED, now, "The recovery of the patient's keys was "
                                    + "completed on their new device " + newAddress + ": the identity rotates to it "
                                    + "on chain, the data keys were re-wrapped there, the API token was replaced, "
                                    + "and the guardians must be named again."),
                    RotationMessages.rotation(r.patient(), signed), RotationMessages.registration(r.patient(),
                            newAddress)));
            if (stored) {
                return Result.ok(new Completed(recoveryId, apiToken, newAddress, rewrapped.size(), false));
            }
            if (p.store().find(recoveryId).map(RecoveryRequest::completed).orElse(false)) {
                return Result.ok(new Completed(recoveryId, apiToken, newAddress, 0, true));
            }
            return Result.fail(ErrorCode.RECOVERY_ROTATION_INVALID, "the re-wrapped data keys are not exactly the "
                    + "patient's records (a deposit came in): prepare again and re-wrap");
        }));
    }

    /** Pending, to a device, claimed, approved by k guardians of the current set and past both waiting periods. */
    private Result<RecoveryRequest> ready(UUID recoveryId, String claim) {
        Result<RecoveryRequest> pending = RecoveryService.pending(p.store(), recoveryId);
        if (!(pending instanceof Result.Ok<RecoveryRequest> ok)) {
            return pending;
        }
        RecoveryRequest r = ok.value();
        if (!claimed(r, claim)) {
            return Result.fail(ErrorCode.RECOVERY_CLAIM_INVALID, "the claim token does not match recovery "
                    + recoveryId);
        }
        if (!r.toDevice()) {
            return Result.fail(ErrorCode.RECOVERY_NOT_ON_DEVICE, "recovery " + recoveryId + " goes to a key the node "
                    + "made: POST /recoveries/" + recoveryId + "/completion");
        }
        ChainRequest chain = p.ledger().request(r.chainRequestId());
        if (chain.cancelled()) {
            return Result.fail(ErrorCode.RECOVERY_CANCELLED, "recovery " + recoveryId + " was cancelled");
        }
        if (!chain.executed()) {
            Result<Boolean> ready = p.checks().ready(r, chain);
            if (!ready.isOk()) {
                return ready.propagate();
            }
        }
        if (p.store().approvals(recoveryId).size() < chain.threshold()) {
            return Result.fail(ErrorCode.RECOVERY_NOT_ENOUGH_APPROVALS, "fewer than " + chain.threshold()
                    + " guardians' shares reached the new device");
        }
        return Result.ok(r);
    }

    private static boolean claimed(RecoveryRequest r, String claim) {
        return RecoveryTokens.wellFormedClaim(claim) && ApiToken.hash(claim).equals(r.claimHash());
    }

    private Result<Account> patient(RecoveryRequest r) {
        return p.accounts().find(r.patient()).<Result<Account>>map(Result::ok)
                .orElseGet(() -> Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + r.patient()));
    }
}
