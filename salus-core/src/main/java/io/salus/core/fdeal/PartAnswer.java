package io.salus.core.fdeal;

import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import java.util.Objects;

/**
 * A member's answer for its part: DELIVERED (its sub-cohort committed, its part staged encrypted to the consumer and
 * settled from the escrow: root, allotment, patients paid and the part's hashes) or SUPPRESSED (its noisy size was
 * under the threshold: nothing committed, nothing paid). {@code released} is the member's noisy size as displayed.
 */
public record PartAnswer(EvmAddress member, Status status, String released, Hash32 root, int cap, int patients,
        Hash32 packageHash, Hash32 ciphertextHash) {

    /** What became of the part. */
    public enum Status {
        DELIVERED,
        SUPPRESSED
    }

    public PartAnswer {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(released, "released");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(packageHash, "packageHash");
        Objects.requireNonNull(ciphertextHash, "ciphertextHash");
    }

    public static PartAnswer suppressed(EvmAddress member, String released) {
        return new PartAnswer(member, Status.SUPPRESSED, released, Hash32.ZERO, 0, 0, Hash32.ZERO, Hash32.ZERO);
    }
}
