package io.salus.core.port;

import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.deal.ProvenPayout;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The StudyPayouts escrow (decision 0037): the payouts of a federated study's members other than the coordinating
 * node, each member's part a Merkle root of its payout leaves (under {@link #partKey}) and a cap, funded by the
 * deal's consumer, paid with the deal's price and split. Every write checks the chain first and a repeated write
 * returns without sending again (a retried settlement pays nobody twice). Failures: {@code STUDY_PAYOUT_REFUSED},
 * {@code STUDY_PAYOUT_INSUFFICIENT_FUNDS}, {@code FORBIDDEN}. Thread-safe.
 */
public interface StudyPayoutLedger {

    /** One member's part: the root of its payout leaves and how many patients it may be paid for. */
    record Part(EvmAddress member, Hash32 root, int cap) {
        public Part {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(root, "root");
            if (cap < 1) {
                throw new IllegalArgumentException("a part holds at least one patient");
            }
        }
    }

    /** A study as the escrow holds it. */
    record OnChain(Hash32 deal, EvmAddress consumer, long price, int parts, int openParts, int patients,
            boolean funded) {
    }

    /** The key a member's payout leaves are built under ({@code Payout.leaf(partKey)}): keccak-256(study ‖ member). */
    Hash32 partKey(Hash32 study, EvmAddress member);

    /** Declares the study's parts once, while the deal is committed; the same declaration again returns the first. */
    Result<TxRef> declare(Hash32 study, Hash32 deal, List<Part> parts);

    /** Funds the declared parts from the consumer's account ({@code consumerKey}); funded already: the first. */
    Result<TxRef> fund(Hash32 study, byte[] consumerKey);

    /** Pays those of a part's payouts (each proven against the part's root) who are not paid yet. */
    Result<List<TxRef>> settlePart(Hash32 study, EvmAddress member, List<ProvenPayout> payouts);

    Optional<OnChain> study(Hash32 study);

    /** Every declared part paid up to its cap. */
    boolean settled(Hash32 study);

    boolean isPaid(Hash32 study, EvmAddress payee);
}
