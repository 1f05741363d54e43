package io.salus.core.custody;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.CustodyMode;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.port.AccountStore;
import io.salus.core.recovery.Guardian;
import io.salus.core.recovery.GuardianSet;
import io.salus.core.recovery.RecoveryLedger;
import io.salus.core.recovery.RecoveryPayloads;
import io.salus.core.recovery.RecoveryService;
import io.salus.core.recovery.RecoveryStore;
import io.salus.core.recovery.SealedShare;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A self-custodied patient names guardians from their device (docs/custody.md): {@link #plan} tells the device whom
 * to seal share x to (each guardian's X25519 public key and the share's context) and the nonce of the patient's
 * EIP-712 signature; the device splits its keys, seals the shares and signs the guardian set itself; {@link #set}
 * checks the signature is the patient's, relays it to GuardianRecovery and stores the sealed shares, which the node
 * cannot open. A set in which the node holds the keys of k or more guardians (agent custody) is refused: the node
 * could then open k shares. Thread-safe.
 */
public final class DeviceGuardians {
    private static final Duration DEADLINE = Duration.ofMinutes(10);
    private final AccountStore accounts;
    private final RecoveryLedger ledger;
    private final RecoveryStore store;
    private final AddressRecovery signatures;
    private final Clock clock;

    public DeviceGuardians(AccountStore accounts, RecoveryLedger ledger, RecoveryStore store,
            AddressRecovery signatures, Clock clock) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.store = store;
        this.signatures = signatures;
        this.clock = clock;
    }

    /** Guardian x's account, its custody and the context its share is sealed in. */
    public record Planned(Account account, int x, CustodyMode custody, byte[] shareContext) {
    }

    /** What the device needs to seal and sign: the guardians in order (x = 1..n), k, the nonce and deadline. */
    public record Plan(Account patient, List<Planned> guardians, int threshold, long nonce, Instant deadline) {
        public Plan {
            guardians = List.copyOf(guardians);
        }
    }

    public Result<Plan> plan(Account actor, AccountId patientId, List<AccountId> guardianIds, int threshold) {
        Result<List<Account>> named = RecoveryService.guardianAccounts(accounts, actor, patientId, guardianIds,
                threshold);
        if (!(named instanceof Result.Ok<List<Account>> ok)) {
            return named.propagate();
        }
        if (accounts.custodyOf(patientId) != CustodyMode.SELF) {
            return Result.fail(ErrorCode.RECOVERY_NOT_ON_DEVICE, "the node holds your keys: PUT /patients/"
                    + patientId + "/guardians splits them");
        }
        List<Planned> planned = new ArrayList<>();
        int nodeHeld = 0;
        for (int i = 0; i < ok.value().size(); i++) {
            Account g = ok.value().get(i);
            CustodyMode custody = accounts.custodyOf(g.id());
            nodeHeld += custody == CustodyMode.AGENT ? 1 : 0;
            planned.add(new Planned(g, i + 1, custody, RecoveryService.shareContext(patientId, g.id(), i + 1)));
        }
        if (nodeHeld >= threshold) {
            return Result.fail(ErrorCode.RECOVERY_GUARDIANS_NODE_HELD, nodeHeld + " of these guardians let the node "
                    + "hold their keys and k is " + threshold + ": name more self-custodied guardians or raise k");
        }
        Instant deadline = Instant.ofEpochSecond(clock.instant().plus(DEADLINE).getEpochSecond());
        return Result.ok(new Plan(actor, planned, threshold, ledger.nextNonce(actor.address()), deadline));
    }

    /** The guardian set as the patient signs it: guardians' addresses and the keccak-256 of each sealed share. */
    public static RecoveryPayloads.SetGuardians payload(EvmAddress patient, List<EvmAddress> guardians,
            List<byte[]> sealedShares, int threshold) {
        return new RecoveryPayloads.SetGuardians(patient, guardians, sealedShares.stream().map(Hashing::keccak256)
                .toList(), threshold);
    }

    /** Sets the guardians with the shares the device sealed (in plan order) and the patient's own signature. */
    public Result<GuardianSet> set(Account actor, AccountId patientId, List<AccountId> guardianIds, int threshold,
            List<byte[]> sealedShares, long nonce, Instant deadline, byte[] signature) {
        Result<Plan> plan = plan(actor, patientId, guardianIds, threshold);
        if (!(plan instanceof Result.Ok<Plan> ok)) {
            return plan.propagate();
        }
        List<Planned> gs = ok.value().guardians();
        if (sealedShares.size() != gs.size() || sealedShares.stream().anyMatch(s -> s == null || s.length < 32)) {
            return Result.fail(ErrorCode.RECOVERY_SHARES_INVALID, "one sealed share per guardian, in order");
        }
        var payload = payload(actor.address(), gs.stream().map(p -> p.account().address()).toList(), sealedShares,
                threshold);
        Signed<RecoveryPayloads.SetGuardians> signed = new Signed<>(payload, actor.address(), nonce, deadline,
                signature);
        Hash32 digest = ledger.digest(signed);
        if (!(signatures.recover(digest, signature) instanceof Result.Ok<EvmAddress> by)
                || !by.value().equals(actor.address())) {
            return Result.fail(ErrorCode.INVALID_SIGNATURE, "the guardian set is not signed by the patient's key ("
                    + digest.hex() + ")");
        }
        return ledger.setGuardians(signed).map(epoch -> {
            List<Guardian> named = new ArrayList<>();
            List<SealedShare> shares = new ArrayList<>();
            for (int i = 0; i < gs.size(); i++) {
                Planned p = gs.get(i);
                named.add(new Guardian(p.account().id(), p.account().address(), p.x(), payload.shareHashes().get(i)));
                shares.add(new SealedShare(patientId, p.account().id(), p.x(), sealedShares.get(i)));
            }
            GuardianSet set = new GuardianSet(patientId, threshold, named, epoch.epoch(), epoch.tx().txHash(),
                    clock.instant());
            store.saveGuardians(set, shares);
            return set;
        });
    }
}
