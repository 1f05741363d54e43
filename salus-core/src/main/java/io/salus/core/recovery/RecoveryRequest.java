package io.salus.core.recovery;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A recovery of a patient's encryption key: the on-chain request it is, the new key (public half, private half sealed
 * under the KEK), the SHA-256 of the claim token handed to whoever opened it (a guardian or the operator), and whether
 * it was completed or cancelled (and by whom).
 */
public record RecoveryRequest(UUID id, AccountId patient, long chainRequestId, long epoch, byte[] newPublicKey,
        byte[] newSealedPrivateKey, Hash32 claimHash, String openTx, Instant openedAt, Optional<AccountId> openedBy,
        Optional<Instant> completedAt, Optional<Instant> cancelledAt, Optional<AccountId> cancelledBy) {
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

    public boolean cancelled() {
        return cancelledAt.isPresent();
    }
}
