package io.salus.core.privacy;

import io.salus.core.account.AccountId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the privacy ledger: who spent how much epsilon on which query (a local account, or a requester of
 * another node of the alliance), when, and the organisation's total spent after it. Immutable.
 */
public record Charge(long seq, String organisation, AccountId account, BigDecimal epsilon, String queryDigest,
        Instant at, BigDecimal spentAfter, Optional<String> remoteRequester) {

    /** A charge of a local account. */
    public Charge(long seq, String organisation, AccountId account, BigDecimal epsilon, String queryDigest,
            Instant at, BigDecimal spentAfter) {
        this(seq, organisation, account, epsilon, queryDigest, at, spentAfter, Optional.empty());
    }

    /** {@code account} is null exactly when the charge is a remote requester's (another node of the alliance). */
    public Charge {
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(remoteRequester, "remoteRequester");
        if ((account == null) == remoteRequester.isEmpty()) {
            throw new IllegalArgumentException("a charge names a local account or a remote requester, not both");
        }
        Objects.requireNonNull(epsilon, "epsilon");
        Objects.requireNonNull(queryDigest, "queryDigest");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(spentAfter, "spentAfter");
    }
}
