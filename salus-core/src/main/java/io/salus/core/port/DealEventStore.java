package io.salus.core.port;

import io.salus.core.account.EvmAddress;
import io.salus.core.deal.DealEvent;
import io.salus.core.merkle.Hash32;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The projection of the DataDeals contract's events that the node reads back: payments (by payee), refunds (by
 * consumer) and content-key releases (by deal), with the block it has synced to. Reads are served from here, never by
 * scanning the chain from block 0. Other events are not kept: the deal's own state is in {@link DealStore}.
 */
public interface DealEventStore {
    /** The last block whose events are applied; -1 before the first sync. */
    long syncedBlock();

    /** Stores the kept events of blocks up to {@code uptoBlock} and moves the cursor there, in one transaction. */
    void apply(List<DealEvent> events, long uptoBlock);

    /** Every payment to one of these payees, in chain order. */
    List<DealEvent.Paid> paymentsTo(Set<EvmAddress> payees);

    /** Every refund to this consumer address, in chain order. */
    List<DealEvent.Refunded> refundsTo(EvmAddress consumer);

    /** The deal's content-key release, once its closing settlement is synced. */
    Optional<DealEvent.KeyReleased> keyRelease(Hash32 dealId);

    /** Drops the projection and its cursor (the next sync replays the chain). */
    void reset();
}
