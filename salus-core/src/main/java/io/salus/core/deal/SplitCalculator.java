package io.salus.core.deal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The settlement arithmetic of the DataDeals contract, in Java: the same integer operations, so the node can show what
 * a settlement will pay before it sends it. The remainder rule, for the price {@code p} and a split in basis points:
 * <ol>
 * <li>providers = ⌊p·bps.providers / 10,000⌋, caregiver = ⌊p·bps.caregiver / 10,000⌋, treasury =
 * ⌊p·bps.daoTreasury / 10,000⌋, operator = ⌊p·bps.operator / 10,000⌋; the patient gets p minus those four, that is its
 * own share plus the rounding remainder of the split;</li>
 * <li>a patient without a caregiver also gets the caregiver part; a patient without providers also gets the
 * providers' part;</li>
 * <li>the providers' part is divided by weight: provider j ≥ 1 gets ⌊part·w_j / Σw⌋ and the first provider gets the
 * rest (its share plus the division's remainder).</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class SplitCalculator {
    private SplitCalculator() {
    }

    /** The shares of one patient whose payout is {@code payout}. */
    public static Shares shares(long price, Split split, Payout payout) {
        return shares(price, split, payout.caregiver().isPresent(), payout.weights());
    }

    /** The shares of one patient, with or without a caregiver, and providers of these weights (may be empty). */
    public static Shares shares(long price, Split split, boolean hasCaregiver, List<Integer> providerWeights) {
        if (price < 0) {
            throw new IllegalArgumentException("a price is at least 0");
        }
        long providers = part(price, split.providers());
        long caregiver = part(price, split.caregiver());
        long dao = part(price, split.daoTreasury());
        long operator = part(price, split.operator());
        long patient = price - providers - caregiver - dao - operator;
        if (!hasCaregiver) {
            patient += caregiver;
            caregiver = 0;
        }
        if (providerWeights.isEmpty()) {
            patient += providers;
            providers = 0;
        }
        return new Shares(patient, providerShares(providers, providerWeights), caregiver, dao, operator);
    }

    /** The providers' part divided by weight; the first provider gets the remainder. */
    static List<Long> providerShares(long part, List<Integer> weights) {
        if (weights.isEmpty()) {
            return List.of();
        }
        BigInteger total = BigInteger.ZERO;
        for (int w : weights) {
            if (w <= 0) {
                throw new IllegalArgumentException("a provider's weight is positive");
            }
            total = total.add(BigInteger.valueOf(w));
        }
        BigInteger p = BigInteger.valueOf(part);
        List<Long> out = new ArrayList<>(weights.size());
        long rest = part;
        out.add(0L);
        for (int j = 1; j < weights.size(); j++) {
            long share = p.multiply(BigInteger.valueOf(weights.get(j))).divide(total).longValueExact();
            out.add(share);
            rest -= share;
        }
        out.set(0, rest);
        return List.copyOf(out);
    }

    private static long part(long price, int bps) {
        return BigInteger.valueOf(price).multiply(BigInteger.valueOf(bps))
                .divide(BigInteger.valueOf(Split.TOTAL_BPS)).longValueExact();
    }
}
