package io.salus.core.usecase.deal;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.deal.Deal;
import io.salus.core.deal.DealEvent;
import io.salus.core.deal.DealState;
import io.salus.core.deal.DealStatus;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger;
import io.salus.core.port.DealPackages;
import io.salus.core.port.DealStore;
import java.util.List;
import java.util.Optional;

/**
 * Reading deals: a deal with its chain state, a consumer's deals, and the delivery. The package is served only for a
 * deal the chain says is SETTLED, and only with the content key the chain released (read from the closing settlement's
 * event, never from the node's own copy), so no code path hands out usable data for an unsettled deal. Thread-safe.
 */
public final class DealQueries {
    private final DealStore store;
    private final DealLedger ledger;
    private final DealPackages packages;
    private final DealEvents events;

    public DealQueries(DealStore store, DealLedger ledger, DealPackages packages, DealEvents events) {
        this.store = store;
        this.ledger = ledger;
        this.packages = packages;
        this.events = events;
    }

    /** A deal and what the chain says of it. */
    public record View(Deal deal, Optional<DealState> chain) {
    }

    public Result<View> find(Account actor, Hash32 dealId) {
        return DealAccess.mine(store, actor, dealId, true).map(d -> new View(d, ledger.deal(dealId)));
    }

    /** The consumer's deals, newest first. */
    public Result<List<View>> list(Account consumer) {
        if (consumer.kind() != AccountKind.CONSUMER) {
            return Result.fail(ErrorCode.NOT_A_CONSUMER, "only consumer accounts hold deals");
        }
        return Result.ok(store.byConsumer(consumer.id()).stream().map(d -> new View(d, ledger.deal(d.id())))
                .toList());
    }

    /** The content key the deal's closing settlement released on chain, wrapped to the consumer. */
    public Result<DealEvent.KeyReleased> key(Account actor, Hash32 dealId) {
        return DealAccess.mine(store, actor, dealId, false).flatMap(d -> settledKey(dealId));
    }

    /** The package, its key slot filled with the key released on chain; only for a deal settled on chain. */
    public Result<byte[]> packageBytes(Account actor, Hash32 dealId) {
        return DealAccess.mine(store, actor, dealId, false).flatMap(d -> settledKey(dealId))
                .flatMap(k -> packages.released(dealId, k.wrappedKey()).<Result<byte[]>>map(Result::ok)
                        .orElseGet(() -> Result.fail(ErrorCode.NOT_FOUND, "deal " + dealId + "'s package is not "
                                + "on this node")));
    }

    private Result<DealEvent.KeyReleased> settledKey(Hash32 dealId) {
        boolean settled = ledger.deal(dealId).map(s -> s.status() == DealStatus.SETTLED).orElse(false);
        Optional<DealEvent.KeyReleased> key = settled ? events.keyRelease(dealId) : Optional.empty();
        return key.<Result<DealEvent.KeyReleased>>map(Result::ok).orElseGet(() -> Result.fail(
                ErrorCode.DEAL_NOT_SETTLED, "deal " + dealId + " is not settled on chain: its content key has not "
                        + "been released, so nothing of its package is served"));
    }
}
