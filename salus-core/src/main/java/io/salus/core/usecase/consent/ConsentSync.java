package io.salus.core.usecase.consent;

import io.salus.core.consent.ConsentEvent;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.SalusException;
import io.salus.core.error.UnavailableException;
import io.salus.core.port.ConsentIndex;
import io.salus.core.port.ConsentLedger;
import io.salus.core.port.ConsentStore;
import java.util.List;

/**
 * Projects the consent contracts' events into PostgreSQL and the in-memory index. {@link #toHead} brings both to the
 * chain head and returns the block they reflect; a release calls it first, so a revocation mined in block b is enforced
 * for every decision taken after the node saw b. {@link #rebuild} drops both projections and replays the chain. Thread-
 * safe (one sync at a time). Several instances of a node share the PostgreSQL projection and its cursor but each has its
 * own index (decision 0031): the index keeps its own block, so events another instance already wrote to the store are
 * still fetched and projected into this one's index (writing them to the store again is idempotent).
 */
public final class ConsentSync {
    private static final long CHUNK = 5_000;
    private final ConsentLedger ledger;
    private final ConsentStore store;
    private final ConsentIndex index;
    private volatile long synced = -1;
    private long indexed = -1;

    public ConsentSync(ConsentLedger ledger, ConsentStore store, ConsentIndex index) {
        this.ledger = ledger;
        this.store = store;
        this.index = index;
    }

    /** Loads the in-memory index from the PostgreSQL projection (at start), then syncs to the head. */
    public synchronized long start() {
        synced = -1;
        index.clear();
        long loaded = store.syncedBlock();
        store.forEachDelegation(index::delegationSet);
        store.forEachGrant(index::put);
        indexed = loaded;
        return toHead();
    }

    /** Syncs to the current head; fails closed when the chain cannot be read. */
    public synchronized long toHead() {
        long head;
        try {
            head = ledger.headBlock();
        } catch (SalusException e) {
            throw new UnavailableException(ErrorCode.CONSENT_INDEX_BEHIND,
                    "cannot confirm consent state: the chain head is unreadable (" + e.getMessage() + ")", e);
        }
        long from = Math.min(store.syncedBlock(), indexed) + 1;
        while (from <= head) {
            long to = Math.min(head, from + CHUNK - 1);
            List<ConsentEvent> events = ledger.events(from, to);
            store.apply(events, to);
            for (ConsentEvent e : events) {
                if (e.block() > indexed) {
                    project(e);
                }
            }
            indexed = Math.max(indexed, to);
            from = to + 1;
        }
        indexed = Math.max(indexed, head);
        synced = indexed;
        return synced;
    }

    /**
     * Syncs to the head unless both projections already reflect {@code block}, in which case the chain is not asked:
     * after a batch of consent writes mined in one block, the first caller syncs and the others find it done.
     */
    public long atLeast(long block) {
        long done = synced;
        return done >= block ? done : toHead();
    }

    /** Drops both projections and replays every consent event from the chain. */
    public synchronized long rebuild() {
        synced = -1;
        store.reset();
        index.clear();
        indexed = -1;
        return toHead();
    }

    private void project(ConsentEvent e) {
        switch (e) {
            case ConsentEvent.GrantRecorded g -> index.put(g.grant());
            case ConsentEvent.GrantRevoked r -> index.revoke(r.grantId(), r.block());
            case ConsentEvent.DelegationSet d -> index.delegationSet(d.delegation());
            default -> {
                // attestations, issuers and access logs are read from the store per decision
            }
        }
    }
}
