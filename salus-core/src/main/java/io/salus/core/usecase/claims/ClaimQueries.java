package io.salus.core.usecase.claims;

import io.salus.core.account.Account;
import io.salus.core.claims.StoredClaim;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.ClaimStore;
import java.util.List;
import java.util.UUID;

/**
 * Who sees a claim: its patient, its provider and its insurer, nobody else (another account gets the same
 * CLAIM_NOT_FOUND as for a claim that does not exist). Thread-safe.
 */
public final class ClaimQueries {
    private static final int LIMIT = 100;
    private final ClaimStore store;

    public ClaimQueries(ClaimStore store) {
        this.store = store;
    }

    public List<StoredClaim> mine(Account caller) {
        return store.claimsOf(caller.id(), LIMIT);
    }

    public Result<StoredClaim> one(Account caller, UUID id) {
        return store.claim(id).filter(c -> c.party(caller.id())).<Result<StoredClaim>>map(Result::ok)
                .orElseGet(() -> Result.fail(ErrorCode.CLAIM_NOT_FOUND, "no such claim for this caller"));
    }
}
