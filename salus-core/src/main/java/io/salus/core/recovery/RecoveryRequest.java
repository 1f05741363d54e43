package io.salus.core.recovery;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A recovery of a patient's encryption key: the on-chain request it is, the new key (public half, private half sealed
 * under the KEK; or, for a self-custodied patient, the new device's address and X25519 public key, and no private half), the SHA-256 of the claim token handed to whoever opened it (a guardian or the operator), and whether
 * it was completed or cancelled (and by whom).
 */
public record RecoveryRequest(UUID id, AccountId patient, long chainRequestId, long epoch, byte[] newPublicKey,
        byte[] newSealedPrivateKey, Hash32 claimHash, String openTx, Instant openedAt, Optional<AccountId> openedBy,
        Optional<Instant> completedAt, Optional<Instant> cancelledAt, Optional<AccountId> cancelledBy,
        Optional<EvmAddress> newAddress) {
    public RecoveryRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patient, "patient");
        newPublicKey = newPublicKey.clone();
        newSealedPrivateKey = newSealedPrivateKey.clone();
        Objects.requireNonNull(claimHash, "claimHash");
        Objects.requireNonNull(openTx, "openTx");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(openedBy, "openedBy");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(cancelledAt, "cancelledAt");
        Objects.requireNonNull(cancelledBy, "cancelledBy");
        Objects.requireNonNull(newAddress, "newAddress");
        if (newAddress.isPresent() != (newSealedPrivateKey.length == 0)) {
            throw new IllegalArgumentException("a recovery goes to a node-held key or to a device's keys");
        }
    }

    @Override
    public byte[] newPublicKey() {
        return newPublicKey.clone();
    }

    @Override
    public byte[] newSealedPrivateKey() {
        return newSealedPrivateKey.clone();
    }

    public boolean completed() {
        return completedAt.isPresent();
    }

    /**
     * Whether the recovery goes to a new device (a self-custodied patient): the new address and X25519 key are the
     * device's, the node holds no new private key, and the device combines the shares.
     */
    public boolean toDevice() {
        return newAddress.isPresent();
    }

    public boolean cancelled() {
        return cancelledAt.isPresent();
    }
}
