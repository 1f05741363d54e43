package io.salus.core.recovery;

import io.salus.core.account.Account;
import io.salus.core.account.AccountId;
import io.salus.core.account.AccountKind;
import io.salus.core.account.ApiToken;
import io.salus.core.account.CustodyMode;
import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.merkle.Hashing;
import io.salus.core.port.AccountStore;
import io.salus.core.port.DigestSigner;
import io.salus.core.port.KeyManager;
import io.salus.core.recovery.RecoveryLedger.ChainRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Guardian key recovery. The recovery secret is the patient's X25519 private key, the key every patient-wrapped data
 * key is wrapped to: {@link #setGuardians} splits it (Shamir, k of n) and seals share i to guardian i's X25519 key, and
 * records the guardians, k and each sealed share's hash on chain (signed by the patient). {@link #open} creates a new
 * key pair and opens the recovery on chain (for a guardian or the operator only); {@link #approve} (as a guardian)
 * relays the guardian's signed approval and re-seals the guardian's share to the new key; {@link RecoveryCompletion}
 * combines k shares once the chain counts k approvals and the waiting period has passed; {@link RecoveryCancellation}
 * lets the patient stop it before. The patient and every guardian are alerted at each step ({@link RecoveryAlert}).
 * Thread-safe.
 */
public final class RecoveryService {
    static final Set<AccountKind> GUARDIAN_KINDS = Set.of(AccountKind.PATIENT, AccountKind.CAREGIVER,
            AccountKind.PHYSICIAN);
    private final AccountStore accounts;
    private final RecoveryKeys keys;
    private final RecoveryLedger ledger;
    private final RecoveryStore store;
    private final RecoverySigner signer;
    private final Shamir shamir;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration waitingPeriod;

    /**
     * @param waitingPeriod how long an approved recovery waits before it can be completed (the node's own check; the
     *            contract has its own, fixed at deployment)
     */
    public RecoveryService(AccountStore accounts, KeyManager keyManager, DigestSigner digestSigner, RecoveryKeys keys,
            RecoveryLedger ledger, RecoveryStore store, Clock clock, SecureRandom random, Duration waitingPeriod) {
        this.waitingPeriod = waitingPeriod;
        this.accounts = accounts;
        this.keys = keys;
        this.ledger = ledger;
        this.store = store;
        this.signer = new RecoverySigner(accounts, keyManager, digestSigner, ledger, clock);
        this.shamir = new Shamir(random);
        this.clock = clock;
        this.random = random;
    }

    /** A recovery just opened: the request and the claim token (shown once) that completes it. */
    public record Opened(RecoveryRequest request, String claim) {
    }

    /**
     * A recovery's state: the request, the chain's view, the guardians whose shares reached the new key and, once k
     * guardians approved, from when it can be completed (the later of the node's and the chain's waiting periods).
     */
    public record Status(RecoveryRequest request, ChainRequest chain, List<AccountId> approvedBy,
            Optional<Instant> completableAt) {
    }

    /** The patient (only) names guardians and k; the patient's key is split and the set recorded on chain. */
    public Result<GuardianSet> setGuardians(Account actor, AccountId patientId, List<AccountId> guardianIds,
            int threshold) {
        Result<List<Account>> checked = guardianAccounts(accounts, actor, patientId, guardianIds, threshold);
        if (!(checked instanceof Result.Ok<List<Account>> found)) {
            return checked.propagate();
        }
        List<Account> guardians = found.value();
        if (accounts.custodyOf(patientId) == CustodyMode.SELF) {
            return Result.fail(ErrorCode.RECOVERY_ON_DEVICE, "your device splits your keys and seals the shares: "
                    + "PUT /patients/" + patientId + "/guardians/signed (docs/custody.md)");
        }
        var sealedKeys = accounts.sealedKeys(patientId);
        if (sealedKeys.isEmpty()) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the node holds no key for " + patientId);
        }
        Result<byte[]> secret = keys.unsealEncryptionKey(sealedKeys.get().encryptionPrivateKey());
        if (!(secret instanceof Result.Ok<byte[]> ok)) {
            return secret.propagate();
        }
        byte[] privateKey = ok.value();
        Result<List<ShamirShare>> split;
        try {
            if (!Arrays.equals(keys.publicKey(privateKey), actor.encryptionPublicKey())) {
                return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the patient's sealed key is not their registered key");
            }
            split = shamir.split(privateKey, threshold, guardians.size());
        } finally {
            Arrays.fill(privateKey, (byte) 0);
        }
        if (!(split instanceof Result.Ok<List<ShamirShare>> shares)) {
            return split.propagate();
        }
        List<SealedShare> sealed = new ArrayList<>();
        List<Guardian> named = new ArrayList<>();
        for (int i = 0; i < guardians.size(); i++) {
            Account g = guardians.get(i);
            ShamirShare share = shares.value().get(i);
            byte[] plain = share.encode();
            byte[] box = keys.seal(g.encryptionPublicKey(), plain, shareContext(patientId, g.id(), share.x()));
            Arrays.fill(plain, (byte) 0);
            sealed.add(new SealedShare(patientId, g.id(), share.x(), box));
            named.add(new Guardian(g.id(), g.address(), share.x(), Hashing.keccak256(box)));
        }
        var payload = new RecoveryPayloads.SetGuardians(actor.address(),
                named.stream().map(Guardian::address).toList(), named.stream().map(Guardian::shareHash).toList(),
                threshold);
        return signer.sign(actor, payload).flatMap(ledger::setGuardians).map(epoch -> {
            GuardianSet set = new GuardianSet(patientId, threshold, named, epoch.epoch(), epoch.tx().txHash(),
                    clock.instant());
            store.saveGuardians(set, sealed);
            return set;
        });
    }

    /**
     * The guardians a patient names, checked: the patient themself names 1 to 255 distinct PATIENT, CAREGIVER or
     * PHYSICIAN accounts of this node other than themself, with 1 <= k <= n.
     */
    public static Result<List<Account>> guardianAccounts(AccountStore accounts, Account actor, AccountId patientId,
            List<AccountId> guardianIds, int threshold) {
        if (!actor.id().equals(patientId)) {
            return Result.fail(ErrorCode.FORBIDDEN, "only the patient names their guardians");
        }
        if (actor.kind() != AccountKind.PATIENT) {
            return Result.fail(ErrorCode.NOT_A_PATIENT, "guardians protect a patient's key");
        }
        if (guardianIds.isEmpty() || guardianIds.size() > 255 || threshold < 1 || threshold > guardianIds.size()
                || new HashSet<>(guardianIds).size() != guardianIds.size() || guardianIds.contains(patientId)) {
            return Result.fail(ErrorCode.RECOVERY_INVALID_GUARDIANS, "name 1 to 255 distinct guardians other than "
                    + "the patient and a threshold 1 <= k <= n");
        }
        List<Account> guardians = new ArrayList<>();
        for (AccountId id : guardianIds) {
            Optional<Account> g = accounts.find(id);
            if (g.isEmpty() || !GUARDIAN_KINDS.contains(g.get().kind())) {
                return Result.fail(ErrorCode.RECOVERY_INVALID_GUARDIANS, "guardian " + id
                        + " is not a PATIENT, CAREGIVER or PHYSICIAN account of this node");
            }
            guardians.add(g.get());
        }
        return Result.ok(guardians);
    }

    public Optional<GuardianSet> guardians(AccountId patient) {
        return store.guardians(patient);
    }

    /**
     * Opens a recovery of the patient's key, for one of the patient's guardians or the operator (nobody else: a
     * stranger could otherwise start taking over an account). A new key pair is made for the patient and its hash
     * recorded on chain with the opener; the claim token (for the patient, handed over by the opener out of band), k
     * guardians' approvals and the waiting period are what complete it. The patient and every guardian are alerted.
     */
    public Result<Opened> open(Account opener, AccountId patientId) {
        Optional<GuardianSet> set = store.guardians(patientId);
        boolean guardian = set.flatMap(g -> g.guardian(opener.id())).isPresent();
        if (!guardian && opener.kind() != AccountKind.OPERATOR) {
            return Result.fail(ErrorCode.RECOVERY_OPENER_FORBIDDEN, "only a guardian of the patient or the operator "
                    + "opens a recovery");
        }
        Optional<Account> patient = accounts.find(patientId);
        if (patient.isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + patientId);
        }
        if (set.isEmpty()) {
            return Result.fail(ErrorCode.RECOVERY_NO_GUARDIANS, "patient " + patientId + " has named no guardians");
        }
        if (accounts.custodyOf(patientId) == CustodyMode.SELF) {
            return Result.fail(ErrorCode.RECOVERY_ON_DEVICE, "a self-custodied patient's recovery names the new "
                    + "device's keys: POST /patients/" + patientId + "/device-recoveries");
        }
        RecoveryKeys.NewKey key = keys.newEncryptionKey(patient.get().address());
        String claim = RecoveryTokens.newClaim(random);
        return ledger.open(patient.get().address(), newKeyHash(key.publicKey()), opener.address()).map(opened -> {
            Instant now = clock.instant();
            RecoveryRequest r = new RecoveryRequest(UUID.randomUUID(), patientId, opened.requestId(), opened.epoch(),
                    key.publicKey(), key.sealedPrivateKey(), ApiToken.hash(claim), opened.tx().txHash(), now,
                    Optional.of(opener.id()), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            store.open(r, RecoveryAlert.toAll(r.id(), patientId, guardianIds(set.get()),
                    RecoveryAlert.Kind.RECOVERY_OPENED, now, "A recovery of " + patient.get().displayName()
                            + "'s key was opened by " + opener.displayName() + " (" + opener.kind() + "). Once "
                            + set.get().threshold() + " guardians approve it, it can be completed after a waiting "
                            + "period of " + waitingPeriod + "; until then the patient can cancel it (POST /recoveries/"
                            + r.id() + "/cancellation)."));
            return new Opened(r, claim);
        });
    }

    /** The recovery if it is still pending: {@code RECOVERY_CLOSED} once completed, {@code RECOVERY_CANCELLED}. */
    public static Result<RecoveryRequest> pending(RecoveryStore store, UUID recoveryId) {
        Optional<RecoveryRequest> found = store.find(recoveryId);
        if (found.isEmpty()) {
            return Result.fail(ErrorCode.RECOVERY_NOT_FOUND, "no recovery " + recoveryId);
        }
        RecoveryRequest r = found.get();
        if (r.completed()) {
            return Result.fail(ErrorCode.RECOVERY_CLOSED, "recovery " + recoveryId + " is completed");
        }
        if (r.cancelled()) {
            return Result.fail(ErrorCode.RECOVERY_CANCELLED, "recovery " + recoveryId + " was cancelled");
        }
        return Result.ok(r);
    }

    public static List<AccountId> guardianIds(GuardianSet set) {
        return set.guardians().stream().map(Guardian::account).toList();
    }

    /**
     * A guardian approves: their share is opened with their key and checked against its recorded hash, their signed
     * approval is relayed on chain (a repeat counts once), and the share is re-sealed to the recovery's new key.
     */
    public Result<Status> approve(Account guardian, UUID recoveryId) {
        Result<RecoveryRequest> pending = pending(store, recoveryId);
        if (!(pending instanceof Result.Ok<RecoveryRequest> found)) {
            return Result.fail(pending.failure());
        }
        RecoveryRequest r = found.value();
        Result<SealedShare> checked = guardianShare(store, r, guardian.id());
        if (!(checked instanceof Result.Ok<SealedShare> own)) {
            return checked.propagate();
        }
        Optional<SealedShare> share = Optional.of(own.value());
        Optional<GuardianSet> set = store.guardians(r.patient());
        if (store.approvals(recoveryId).stream().anyMatch(a -> a.holder().equals(guardian.id()))) {
            return status(recoveryId);
        }
        if (accounts.custodyOf(guardian.id()) == CustodyMode.SELF) {
            return Result.fail(ErrorCode.RECOVERY_ON_DEVICE, "your share opens on your device: POST /recoveries/"
                    + recoveryId + "/device-approvals/prepare, then /device-approvals");
        }
        var sealedKeys = accounts.sealedKeys(guardian.id());
        if (sealedKeys.isEmpty()) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the node holds no key for " + guardian.id());
        }
        Result<byte[]> opened = keys.open(sealedKeys.get().encryptionPrivateKey(), share.get().sealed(),
                shareContext(r.patient(), guardian.id(), share.get().x()));
        if (!(opened instanceof Result.Ok<byte[]> plain)) {
            return opened.propagate();
        }
        try {
            var payload = new RecoveryPayloads.Approve(r.chainRequestId(), guardian.address(),
                    keyHash(r));
            Result<TxRef> relayed = signer.sign(guardian, payload).flatMap(ledger::approve);
            String txHash;
            if (relayed instanceof Result.Ok<TxRef> sent) {
                txHash = sent.value().txHash();
            } else if (relayed.failure().code() == ErrorCode.RECOVERY_ALREADY_APPROVED) {
                txHash = "";
            } else {
                return relayed.propagate();
            }
            byte[] resealed = keys.seal(r.newPublicKey(), plain.value(), approvalContext(recoveryId,
                    share.get().x()));
            Instant now = clock.instant();
            ChainRequest chain = ledger.request(r.chainRequestId());
            String text = guardian.displayName() + " approved the recovery of the patient's key (" + chain.approvals()
                    + " of " + chain.threshold() + ")" + completableAt(chain).map(t -> "; it can be completed from "
                            + t + " unless the patient cancels it before").orElse("");
            store.saveApproval(recoveryId, new SealedShare(r.patient(), guardian.id(), share.get().x(), resealed),
                    txHash, now, RecoveryAlert.toAll(recoveryId, r.patient(), guardianIds(set.get()),
                            RecoveryAlert.Kind.RECOVERY_APPROVED, now, text));
        } finally {
            Arrays.fill(plain.value(), (byte) 0);
        }
        return status(recoveryId);
    }

    /**
     * The share sealed to {@code guardian} for the recovery's patient, if it is a guardian of the set the recovery was
     * opened under and the stored share matches the hash recorded on chain.
     */
    public static Result<SealedShare> guardianShare(RecoveryStore store, RecoveryRequest r, AccountId guardian) {
        Optional<GuardianSet> set = store.guardians(r.patient());
        Optional<SealedShare> share = store.share(r.patient(), guardian);
        if (set.isEmpty() || share.isEmpty()) {
            return Result.fail(ErrorCode.RECOVERY_NOT_A_GUARDIAN, guardian + " is not a guardian of " + r.patient());
        }
        if (set.get().epoch() != r.epoch()) {
            return Result.fail(ErrorCode.RECOVERY_STALE, "the patient named other guardians after recovery "
                    + r.id() + " was opened");
        }
        Hash32 recorded = set.get().guardian(guardian).orElseThrow().shareHash();
        if (!Hashing.keccak256(share.get().sealed()).equals(recorded)) {
            return Result.fail(ErrorCode.RECOVERY_SHARE_TAMPERED, "the stored share of " + guardian
                    + " does not match its recorded hash");
        }
        return Result.ok(share.get());
    }

    public Result<Status> status(UUID recoveryId) {
        return store.find(recoveryId).<Result<Status>>map(r -> {
            ChainRequest chain = ledger.request(r.chainRequestId());
            return Result.ok(new Status(r, chain, store.approvals(recoveryId).stream().map(SealedShare::holder)
                    .toList(), completableAt(chain)));
        }).orElseGet(() -> Result.fail(ErrorCode.RECOVERY_NOT_FOUND, "no recovery " + recoveryId));
    }

    /** The recovery alerts addressed to the account (as patient or as guardian), newest first. */
    public List<RecoveryAlert> alerts(Account recipient, int limit) {
        return store.alertsFor(recipient.id(), limit);
    }

    /** From when an approved request can be completed: the later of the node's and the chain's waiting periods. */
    Optional<Instant> completableAt(ChainRequest chain) {
        return completableAt(chain, waitingPeriod);
    }

    public static Optional<Instant> completableAt(ChainRequest chain, Duration waitingPeriod) {
        return chain.readyAt().map(ready -> {
            Instant node = ready.plus(waitingPeriod);
            Instant onChain = chain.executableAt().orElse(node);
            return node.isAfter(onChain) ? node : onChain;
        });
    }

    public static Hash32 newKeyHash(byte[] publicKey) {
        return Hashing.keccak256(publicKey);
    }

    /**
     * The hash the chain holds for a recovery's target: keccak256 of the new X25519 public key, or for a recovery to a
     * device, keccak256(new address (20 bytes) ‖ new X25519 public key) so guardians approve the device's identity too.
     */
    public static Hash32 keyHash(RecoveryRequest r) {
        return r.newAddress().map(a -> deviceKeyHash(a, r.newPublicKey())).orElseGet(() -> newKeyHash(
                r.newPublicKey()));
    }

    public static Hash32 deviceKeyHash(EvmAddress newAddress, byte[] newEncryptionPublicKey) {
        return Hashing.keccak256(HexFormat.of().parseHex(newAddress.hex().substring(2)), newEncryptionPublicKey);
    }

    public static byte[] shareContext(AccountId patient, AccountId guardian, int x) {
        return ("salus/recovery-share/1|" + patient + "|" + guardian + "|" + x).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] approvalContext(UUID recoveryId, int x) {
        return ("salus/recovery-approval/1|" + recoveryId + "|" + x).getBytes(StandardCharsets.UTF_8);
    }
}
