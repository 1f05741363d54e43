package io.salus.node.web.consumer;

import io.salus.core.deal.Deal;
import io.salus.core.deal.DealPhase;
import io.salus.core.deal.DealState;
import io.salus.core.deal.DealStatus;
import io.salus.core.merkle.Hash32;
import io.salus.core.usecase.deal.DealQueries;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A deal as the consumer portal shows it: the node's phase beside the chain's state, the released (noisy) cohort size
 * and never the exact one, the delivered count once settled, and which next step the API allows the consumer now
 * (match a posted or suppressed deal, deliver a matched or staged one, download a package the chain settled, refund
 * the escrow after the deadline).
 */
public record DealView(String dealId, String status, List<String> categories, String purpose, long pricePerPatient,
        int maxPatients, String deadline, String cohortSize, String delivered, String packageHash, String chainStatus,
        long escrow, long refunded, List<String> transactions, boolean canMatch, boolean canDeliver,
        boolean canDownload, boolean canRefund) {

    public DealView {
        categories = List.copyOf(categories);
        transactions = List.copyOf(transactions);
    }

    public static DealView of(DealQueries.View v, Instant now) {
        Deal d = v.deal();
        Optional<DealState> chain = v.chain();
        boolean pastDeadline = !now.isBefore(d.terms().deadline());
        long escrow = chain.map(DealState::escrow).orElse(0L);
        boolean settledOnChain = chain.map(s -> s.status() == DealStatus.SETTLED).orElse(false);
        boolean settling = chain.map(s -> s.status() == DealStatus.SETTLING).orElse(false);
        return new DealView(d.id().hex(), d.phase().name(), d.categories().stream().map(Enum::name).toList(),
                d.terms().purpose().name(), d.terms().pricePerPatient(), d.terms().maxPatients(),
                d.terms().deadline().toString(), d.releasedSize().orElse("not matched yet"),
                d.phase() == DealPhase.SETTLED ? Integer.toString(d.delivered()) : "not delivered yet",
                chain.flatMap(DealState::packageHash).map(Hash32::hex).orElse(""),
                chain.map(s -> s.status().name()).orElse("unknown"), escrow, chain.map(DealState::refunded).orElse(0L),
                d.txs().stream().map(Deal.DealTx::txHash).toList(),
                (d.phase() == DealPhase.POSTED || d.phase() == DealPhase.SUPPRESSED) && !pastDeadline,
                d.phase() == DealPhase.MATCHED || d.phase() == DealPhase.STAGED, settledOnChain,
                pastDeadline && escrow > 0 && !settling);
    }

    /** Whether a later poll can still change what the page shows without the consumer acting. */
    public boolean settled() {
        return "SETTLED".equals(status);
    }

    /** The price in tokens (6 decimals), for display: {@code 1500000} is {@code 1.500000}. */
    public String priceInTokens() {
        return java.math.BigDecimal.valueOf(pricePerPatient, 6).toPlainString();
    }
}
