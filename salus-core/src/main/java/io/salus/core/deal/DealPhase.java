package io.salus.core.deal;

/**
 * Where a deal is on the node (the chain's view is {@link DealStatus}). Stored as the PostgreSQL enum
 * {@code deal_phase}; never rename.
 */
public enum DealPhase {
    /** Posted and funded on chain; no cohort matched yet. */
    POSTED,
    /** The released (noisy) cohort size was under the suppression threshold: nothing committed; may match again. */
    SUPPRESSED,
    /** The cohort is matched and its Merkle root committed on chain. */
    MATCHED,
    /** The package is built, encrypted and its hashes fixed; settlement has not closed the deal yet. */
    STAGED,
    /** The closing settlement chunk is mined: patients paid, content key released on chain. */
    SETTLED
}
