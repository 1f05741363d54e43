package io.salus.core.privacy;

import io.salus.core.account.AccountId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the privacy ledger: who spent how much epsilon on which query, when, and the organisation's total spent
 * after it. Immutable.
 */
public record Charge(long seq, String organisation, AccountId account, BigDecimal epsilon, String queryDigest,
        Instant at, BigDecimal spentAfter) {

    public Charge {
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(epsilon, "epsilon");
        Objects.requireNonNull(queryDigest, "queryDigest");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(spentAfter, "spentAfter");
    }
}
