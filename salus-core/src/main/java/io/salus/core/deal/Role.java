package io.salus.core.deal;

import java.util.Optional;

/** The parties a settlement pays. {@link #chainCode} is the role in the DataDeals contract's events; never reorder. */
public enum Role {
    PATIENT,
    PROVIDER,
    CAREGIVER,
    DAO_TREASURY,
    OPERATOR;

    public int chainCode() {
        return ordinal();
    }

    public static Optional<Role> fromChainCode(int code) {
        return code >= 0 && code < values().length ? Optional.of(values()[code]) : Optional.empty();
    }
}
