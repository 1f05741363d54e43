package io.salus.core.usecase.deal;

import io.salus.core.account.EvmAddress;
import io.salus.core.deal.DealEvent;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.SalusException;
import io.salus.core.error.UnavailableException;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealEventStore;
import io.salus.core.port.DealLedger;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deal events read from their PostgreSQL projection, which each read first brings to the chain head: only the blocks
 * mined since the last read are asked of the chain, in chunks. A chain that cannot be read fails the read closed
 * (a payment or a key release is never reported from a projection that may be behind). Thread-safe (one sync at a
 * time).
 */
public final class DealEvents {
    private static final long CHUNK = 5_000;
    private final DealLedger ledger;
    private final DealEventStore store;

    public DealEvents(DealLedger ledger, DealEventStore store) {
        this.ledger = ledger;
        this.store = store;
    }

    /** Applies every deal event up to the chain head; the block the projection now reflects. */
    public synchronized long toHead() {
        long head;
        try {
            head = ledger.headBlock();
        } catch (SalusException e) {
            throw new UnavailableException(ErrorCode.DEAL_EVENTS_BEHIND,
                    "cannot confirm the deal events: the chain head is unreadable (" + e.getMessage() + ")", e);
        }
        long from = store.syncedBlock() + 1;
        while (from <= head) {
            long to = Math.min(head, from + CHUNK - 1);
            store.apply(ledger.events(from, to), to);
            from = to + 1;
        }
        return Math.max(head, store.syncedBlock());
    }

    /** Every payment to one of these payees up to the chain head, in chain order. */
    public List<DealEvent.Paid> paymentsTo(Set<EvmAddress> payees) {
        toHead();
        return store.paymentsTo(payees);
    }

    /** Every refund to this consumer up to the chain head, in chain order. */
    public List<DealEvent.Refunded> refundsTo(EvmAddress consumer) {
        toHead();
        return store.refundsTo(consumer);
    }

    /** The deal's content-key release, if mined by the chain head. */
    public Optional<DealEvent.KeyReleased> keyRelease(Hash32 dealId) {
        toHead();
        return store.keyRelease(dealId);
    }

    /** Drops the projection and replays the chain's deal events. */
    public synchronized long rebuild() {
        store.reset();
        return toHead();
    }
}
