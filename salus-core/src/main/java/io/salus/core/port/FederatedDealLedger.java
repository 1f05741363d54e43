package io.salus.core.port;

import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.deal.DealTerms;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.error.Result;
import io.salus.core.fdeal.FederatedDealState;
import io.salus.core.fdeal.FederatedPart;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.DealLedger.PackageHashes;
import io.salus.core.port.DealLedger.Settlement;
import java.util.List;
import java.util.Optional;

/**
 * The FederatedDeals escrow (decision 0035): one escrow per deal, funded by the consumer; each alliance member commits
 * and settles its own part, sent by this node's relayer (its member address). Refusals are {@code DEAL_*} and
 * {@code FDEAL_*} failures (a node that is not an active member: {@code FDEAL_NOT_A_MEMBER}); chain faults are
 * {@link io.salus.core.error.UnavailableException}s. Thread-safe.
 */
public interface FederatedDealLedger {

    /** The escrow contract's address. */
    EvmAddress contract();

    /** This node's member address (its relayer). */
    EvmAddress member();

    /** Posts and funds a deal from the consumer's account (approve, then post). */
    Result<TxRef> post(Hash32 dealId, DealTerms terms, byte[] consumerKey);

    /** Commits this member's part: its sub-cohort root and allotment; repeating the same commit returns it. */
    Result<TxRef> commitPart(Hash32 dealId, Hash32 root, int cap);

    /**
     * Pays this member's payouts (each proven against its part's root) in chunks and closes its part with the last,
     * which releases {@code wrappedKey}; a repeat pays only those not yet paid.
     */
    Result<Settlement> settlePart(Hash32 dealId, PackageHashes hashes, List<ProvenPayout> payouts, byte[] wrappedKey);

    /** After the deadline, returns the escrow left to the consumer. */
    Result<TxRef> refund(Hash32 dealId);

    Optional<FederatedDealState> deal(Hash32 dealId);

    /** A member's part (status NONE when it committed none). */
    FederatedPart part(Hash32 dealId, EvmAddress member);

    /** The content key a member's closing chunk released, read from the chain; empty until its part is settled. */
    Optional<byte[]> keyRelease(Hash32 dealId, EvmAddress member);
}
