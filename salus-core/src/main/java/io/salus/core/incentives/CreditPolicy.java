package io.salus.core.incentives;

/**
 * The node's credit settings: the rule's rate, which share (basis points) of the settled DAO-treasury payments funds
 * the holding pool and which share of the settled operator fees funds the utilisation pool, how many readings a day a
 * device is expected to report (for stream completeness), and what a risk report costs in credits.
 */
public record CreditPolicy(CreditRule rule, int treasuryShareBps, int feeShareBps, long expectedReadingsPerDay,
        long riskReportPrice) {
    public CreditPolicy {
        if (treasuryShareBps < 0 || treasuryShareBps > 10_000 || feeShareBps < 0 || feeShareBps > 10_000) {
            throw new IllegalArgumentException("shares are basis points, 0 to 10,000");
        }
        if (rule.creditsPerVolumeUnit() < 0 || expectedReadingsPerDay < 1 || riskReportPrice < 1) {
            throw new IllegalArgumentException("rate at least 0, expected readings and price at least 1");
        }
    }

    /** The period's pools: the stated shares of what settled, rounded down (nothing more is ever paid). */
    public PeriodFunding fund(long treasurySettled, long feesSettled) {
        return new PeriodFunding(Math.multiplyExact(treasurySettled, (long) treasuryShareBps) / 10_000, Math
                .multiplyExact(feesSettled, (long) feeShareBps) / 10_000);
    }
}
