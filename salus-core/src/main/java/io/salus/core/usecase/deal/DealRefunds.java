package io.salus.core.usecase.deal;

import io.salus.core.account.Account;
import io.salus.core.anchor.TxRef;
import io.salus.core.deal.Deal;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger;
import io.salus.core.port.DealStore;

/**
 * After the deadline, the escrow left goes back to the consumer: all of it when nothing was delivered, the unspent
 * part after a settlement; a settlement in progress is refunded only after the contract's completion window. The
 * contract decides; the node sends it for the deal's consumer (anyone may, on chain). Thread-safe.
 */
public final class DealRefunds {
    private final DealStore store;
    private final DealLedger ledger;
    private final DealLocks locks;

    public DealRefunds(DealStore store, DealLedger ledger, DealLocks locks) {
        this.store = store;
        this.ledger = ledger;
        this.locks = locks;
    }

    public Result<TxRef> refund(Account actor, Hash32 dealId) {
        return locks.with(dealId, () -> DealAccess.mine(store, actor, dealId, true)
                .flatMap(d -> ledger.refund(dealId).map(tx -> {
                    store.addTx(dealId, new Deal.DealTx("refund", tx.txHash(), tx.blockNumber()));
                    return tx;
                })));
    }
}
