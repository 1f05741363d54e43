package io.salus.core.usecase.deal;

import io.salus.core.account.AccountId;
import io.salus.core.deal.DealStatus;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger;
import io.salus.core.port.DealPackages;
import io.salus.core.port.DealStore;
import java.util.Collection;

/**
 * Erasure in deals: an erased patient leaves every deal not yet delivered (no later delivery includes or pays them);
 * a staged package that held them is deleted and the deal goes back to matched, so the next delivery builds it
 * without them. A settlement already under way on chain has fixed its package: that release cannot be withdrawn. In
 * delivered deals their account is unlinked and the deal's secret deleted. Each deal under its lock, so no match or
 * delivery of it is in progress. Idempotent. Thread-safe.
 */
public final class DealErasure {
    private final DealStore store;
    private final DealLedger ledger;
    private final DealPackages packages;
    private final DealLocks locks;

    public DealErasure(DealStore store, DealLedger ledger, DealPackages packages, DealLocks locks) {
        this.store = store;
        this.ledger = ledger;
        this.packages = packages;
        this.locks = locks;
    }

    /** Unlinks the patients from every deal; the number of deals changed. */
    public int unlink(Collection<AccountId> patients) {
        int changed = 0;
        for (AccountId p : patients) {
            for (Hash32 deal : store.dealsOf(p)) {
                locks.with(deal, () -> {
                    boolean settling = ledger.deal(deal).map(s -> s.status().compareTo(DealStatus.SETTLING) >= 0)
                            .orElse(false);
                    if (store.unlink(deal, p, settling)) {
                        packages.discard(deal);
                    }
                    return null;
                });
                changed++;
            }
        }
        return changed;
    }
}
