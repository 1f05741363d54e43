package io.salus.core.incentives;

import java.util.List;

/**
 * A period's credits: one line per depositor (in the order given), what was paid from each pool and what is left in
 * it (it stays in the treasury), and whether holding credits were cut pro rata because the pool was short.
 */
public record CreditStatement(List<Credit> credits, long holdingPaid, long utilisationPaid, long holdingLeft,
        long utilisationLeft, boolean prorated) {
    public CreditStatement {
        credits = List.copyOf(credits);
    }

    public long totalPaid() {
        return holdingPaid + utilisationPaid;
    }
}
