package io.salus.core.recovery;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import java.util.List;
import java.util.Objects;

/** The EIP-712 instructions of the recovery contract (signed as {@link io.salus.core.consent.Signed} payloads). */
public final class RecoveryPayloads {
    private RecoveryPayloads() {
    }

    /** The patient names guardians, each with the hash of the share sealed to them, and a threshold. */
    public record SetGuardians(EvmAddress patient, List<EvmAddress> guardians, List<Hash32> shareHashes,
            int threshold) {
        public SetGuardians {
            Objects.requireNonNull(patient, "patient");
            guardians = List.copyOf(guardians);
            shareHashes = List.copyOf(shareHashes);
        }
    }

    /** A guardian approves the recovery {@code requestId} towards the key with hash {@code newKeyHash}. */
    public record Approve(long requestId, EvmAddress guardian, Hash32 newKeyHash) {
        public Approve {
            Objects.requireNonNull(guardian, "guardian");
            Objects.requireNonNull(newKeyHash, "newKeyHash");
        }
    }

    /** The patient cancels the recovery {@code requestId} of their key (signed with the patient's own key). */
    public record Cancel(long requestId, EvmAddress patient) {
        public Cancel {
            Objects.requireNonNull(patient, "patient");
        }
    }
}
