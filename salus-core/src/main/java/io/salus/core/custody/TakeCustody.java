package io.salus.core.custody;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.account.CustodyMode;
import io.salus.core.account.Did;
import io.salus.core.account.EvmAddress;
import io.salus.core.consent.Grant;
import io.salus.core.consent.Signed;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import io.salus.core.port.AccountStore;
import io.salus.core.port.DigestSigner;
import io.salus.core.port.KeyManager;
import io.salus.core.port.RecordStore;
import io.salus.core.record.RecordBinding;
import io.salus.core.record.RecordId;
import io.salus.core.record.RecordSummary;
import io.salus.core.record.StoredRecord;
import io.salus.core.recovery.RecoveryKeys;
import io.salus.core.usecase.consent.ConsentService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent-held patient takes custody of their keys (docs/custody.md): the device's new wallet key proves itself; the
 * consents the bank signed as agent are revoked with the old key; the old key signs the on-chain rotation of the
 * identity to the new one; every record's data key is re-wrapped to the new X25519 key; then one transaction switches
 * the account to the new address and deletes the node's private keys, with the rotation in the outbox. From then on
 * the node holds no key of the patient's, and the contract refuses anything the old key signs once the rotation is
 * mined. Thread-safe.
 */
public final class TakeCustody {
    /** The outbox kind of the rotation's chain write (the idempotency key is {@code rotate:<old address>}). */
    public static final String ROTATE_IDENTITY = "rotate-identity";
    static final Duration ROTATION_DEADLINE = Duration.ofDays(30);

    /** The ports taking custody uses. */
    public record Ports(AccountStore accounts, CustodyStore custody, RecordStore records, KeyManager keys,
            RecoveryKeys wrapping, DigestSigner signer, AddressRecovery recovery, IdentityRotation rotation,
            ConsentService consents) {
    }

    private final Ports p;
    private final long chainId;
    private final Clock clock;

    public TakeCustody(Ports ports, long chainId, Clock clock) {
        this.p = ports;
        this.chainId = chainId;
        this.clock = clock;
    }

    /** The account as it is now, and the grants the bank had signed as agent that were revoked. */
    public record Taken(EvmAddress oldAddress, EvmAddress newAddress, List<Long> revokedGrants, int rewrappedRecords) {
    }

    public Hash32 digest(Account actor, EvmAddress newAddress, byte[] encryptionPublicKey) {
        return TakeCustodyProof.digest(chainId, actor.address(), newAddress, encryptionPublicKey);
    }

    public Result<Taken> take(Account actor, EvmAddress newAddress, byte[] newEncryptionKey, byte[] proof) {
        if (actor.kind() != AccountKind.PATIENT) {
            return Result.fail(ErrorCode.FORBIDDEN, "only a patient takes custody of their keys");
        }
        if (p.accounts().custodyOf(actor.id()) == CustodyMode.SELF) {
            return Result.fail(ErrorCode.CUSTODY_ALREADY_SELF, "account " + actor.id() + " holds its own keys");
        }
        if (newEncryptionKey == null || newEncryptionKey.length != 32) {
            return Result.fail(ErrorCode.INVALID_REQUEST, "encryptionPublicKey must be 32 bytes (X25519)");
        }
        Hash32 digest = digest(actor, newAddress, newEncryptionKey);
        Result<EvmAddress> signer = p.recovery().recover(digest, proof == null ? new byte[0] : proof);
        if (!(signer instanceof Result.Ok<EvmAddress> ok) || !ok.value().equals(newAddress)) {
            return Result.fail(ErrorCode.CUSTODY_PROOF_INVALID, "the proof is not the new key's signature of "
                    + digest.hex());
        }
        if (p.accounts().findByAddress(newAddress).isPresent() || p.rotation().rotatedTo(newAddress).isPresent()) {
            return Result.fail(ErrorCode.CUSTODY_ADDRESS_TAKEN, "the address " + newAddress + " is not a fresh key");
        }
        var sealed = p.accounts().sealedKeys(actor.id());
        if (sealed.isEmpty()) {
            return Result.fail(ErrorCode.KEY_UNAVAILABLE, "the node holds no key for this account");
        }
        Result<List<Long>> revoked = revokeAgentGrants(actor);
        if (!revoked.isOk()) {
            return revoked.propagate();
        }
        Result<Signed<Rotation>> rotation = signRotation(actor, newAddress, sealed.get().signingPrivateKey());
        if (!rotation.isOk()) {
            return rotation.propagate();
        }
        Result<Map<RecordId, byte[]>> rewrapped = rewrap(actor, sealed.get().encryptionPrivateKey(),
                newEncryptionKey);
        if (!rewrapped.isOk()) {
            return rewrapped.propagate();
        }
        Signed<Rotation> r = rotation.orElseThrow();
        OutboxMessage rotate = RotationMessages.rotation(actor.id(), r);
        OutboxMessage register = RotationMessages.registration(actor.id(), newAddress);
        boolean done = p.custody().takeCustody(new TakeOver(actor.id(), actor.address(), newAddress,
                Did.pkh(chainId, newAddress), newEncryptionKey.clone(), rewrapped.orElseThrow(), rotate, register));
        if (!done) {
            return Result.fail(ErrorCode.CUSTODY_CHANGED, "the account changed while taking custody; try again");
        }
        return Result.ok(new Taken(actor.address(), newAddress, revoked.orElseThrow(),
                rewrapped.orElseThrow().size()));
    }

    /** Grants the bank signed as agent end with the agency: each active one is revoked with the old key, mined. */
    private Result<List<Long>> revokeAgentGrants(Account actor) {
        Result<List<Grant>> grants = p.consents().list(actor, actor.id());
        if (!grants.isOk()) {
            return grants.propagate();
        }
        List<Long> revoked = new ArrayList<>();
        for (Grant g : grants.orElseThrow()) {
            if (g.revokedAtBlock().isEmpty()) {
                Result<?> r = p.consents().revokeCustodial(actor, g.id());
                if (!r.isOk()) {
                    return r.propagate();
                }
                revoked.add(g.id());
            }
        }
        return Result.ok(revoked);
    }

    private Result<Signed<Rotation>> signRotation(Account actor, EvmAddress newAddress, byte[] sealedSigningKey) {
        long nonce = p.rotation().nextNonce(actor.address());
        Instant deadline = Instant.ofEpochSecond(clock.instant().plus(ROTATION_DEADLINE).getEpochSecond());
        Signed<Rotation> unsigned = new Signed<>(new Rotation(actor.address(), newAddress), actor.address(), nonce,
                deadline, new byte[0]);
        Hash32 digest = p.rotation().digest(unsigned);
        return p.keys().unsealSigningKey(actor.address(), sealedSigningKey).map(key -> {
            try {
                return new Signed<>(unsigned.payload(), unsigned.signer(), nonce, deadline, p.signer().sign(digest,
                        key));
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        });
    }

    private Result<Map<RecordId, byte[]>> rewrap(Account actor, byte[] sealedEncryptionKey, byte[] newPublicKey) {
        Result<byte[]> old = p.wrapping().unsealEncryptionKey(sealedEncryptionKey);
        if (!old.isOk()) {
            return old.propagate();
        }
        byte[] oldKey = old.orElseThrow();
        try {
            Map<RecordId, byte[]> out = new HashMap<>();
            for (RecordSummary summary : p.records().listByPatient(actor.id())) {
                StoredRecord s = p.records().find(summary.id()).orElseThrow();
                Result<byte[]> w = p.wrapping().rewrap(oldKey, s.sealed().wrappedKeyForPatient(),
                        RecordBinding.associatedData(s.id(), s.patient(), s.category()), newPublicKey);
                if (!w.isOk()) {
                    return w.propagate();
                }
                out.put(s.id(), w.orElseThrow());
            }
            return Result.ok(out);
        } finally {
            Arrays.fill(oldKey, (byte) 0);
        }
    }
}
