package io.salus.core.deal;

import java.util.Optional;

/**
 * Where a deal is in its lifecycle on chain. {@link #chainCode} is the contract's {@code Status}; never reorder. A
 * refund after the deadline does not change the status (see {@link DealState#refunded()}).
 */
public enum DealStatus {
    /** Posted and funded; no cohort yet. */
    OPEN(1),
    /** The cohort's root and size are committed. */
    COMMITTED(2),
    /** Some chunks are paid; the package hash is recorded. */
    SETTLING(3),
    /** The last chunk is paid: the deal can never be settled again. */
    SETTLED(4);

    private final int chainCode;

    DealStatus(int chainCode) {
        this.chainCode = chainCode;
    }

    public int chainCode() {
        return chainCode;
    }

    public static Optional<DealStatus> fromChainCode(int code) {
        for (DealStatus s : values()) {
            if (s.chainCode == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
