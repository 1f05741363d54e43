package io.salus.node.web.consumer;

import io.salus.core.deal.DealState;
import io.salus.node.market.DealRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A deal as the consumer portal shows it: the node's record beside the chain's state, and which next step the API
 * allows the consumer now (match a posted deal, deliver a matched one, download a settled one's package, refund the
 * escrow after the deadline).
 */
public record DealView(String dealId, String status, List<String> categories, String purpose, long pricePerPatient,
        int maxPatients, String deadline, int cohortSize, int delivered, String packageHash, String chainStatus,
        long escrow, long refunded, List<String> transactions, boolean canMatch, boolean canDeliver,
        boolean canDownload, boolean canRefund) {

    public DealView {
        categories = List.copyOf(categories);
        transactions = List.copyOf(transactions);
    }

    public static DealView of(DealRecord d, Optional<DealState> chain, Instant now) {
        boolean pastDeadline = !now.isBefore(Instant.parse(d.deadline()));
        long escrow = chain.map(DealState::escrow).orElse(0L);
        return new DealView(d.dealId(), d.status(), d.categories(), d.purpose(), d.pricePerPatient(),
                d.maxPatients(), d.deadline(), d.matched().size(), d.delivered(),
                d.packageHash() == null ? "" : d.packageHash(), chain.map(s -> s.status().name()).orElse("unknown"),
                escrow, chain.map(DealState::refunded).orElse(0L), d.settlementTxs(), "POSTED".equals(d.status()),
                "MATCHED".equals(d.status()), "SETTLED".equals(d.status()), pastDeadline && escrow > 0);
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
