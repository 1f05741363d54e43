package io.salus.core.incentives;

import io.salus.core.account.AccountId;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The credit rule ({@code docs/health-services.md}, "Incentives"), in integer arithmetic:
 * <ol>
 * <li>volume units {@code v = ⌊1000 · log2(1 + records held)⌋}: more data earns more, with diminishing returns, so
 * splitting data into more records barely pays;</li>
 * <li>weight {@code w = v · (10,000 + quality)}, quality = stream completeness × continuity in basis points (0 without
 * streams): a complete, continuous stream doubles the weight;</li>
 * <li>holding credits {@code ⌊w · min(rate · W, 10,000 · H) / (10,000 · W)⌋} with {@code W = Σw} and {@code H} the
 * holding pool: the fixed rate ({@code rate · w / 10,000}) when the pool covers everyone, otherwise the pool pro rata
 * to weight;</li>
 * <li>utilisation credits {@code ⌊U · u / Σu⌋}: the utilisation pool {@code U} pro rata to utilisation units.</li>
 * </ol>
 * Each line is rounded down, so what is paid never exceeds either pool (nothing is minted) and the rounding remainder
 * (less than one unit per depositor) stays in the pool. Stateless.
 */
public final class CreditCalculator {
    private static final BigInteger FULL = BigInteger.valueOf(StreamQuality.FULL);

    private CreditCalculator() {
    }

    public static Result<CreditStatement> credit(CreditRule rule, PeriodFunding funding,
            List<DepositorPeriod> depositors) {
        List<Failure.Issue> issues = check(rule, funding, depositors);
        if (!issues.isEmpty()) {
            return Result.fail(new Failure(ErrorCode.CREDIT_RULE_INVALID, issues.size()
                    + " problem(s) in the credit inputs", issues));
        }
        long[] volume = new long[depositors.size()];
        int[] quality = new int[depositors.size()];
        BigInteger[] weight = new BigInteger[depositors.size()];
        BigInteger totalWeight = BigInteger.ZERO;
        BigInteger totalUse = BigInteger.ZERO;
        for (int i = 0; i < depositors.size(); i++) {
            DepositorPeriod d = depositors.get(i);
            volume[i] = volumeUnits(d.recordsHeld());
            quality[i] = d.stream().map(StreamQuality::qualityBps).orElse(0);
            weight[i] = BigInteger.valueOf(volume[i]).multiply(FULL.add(BigInteger.valueOf(quality[i])));
            totalWeight = totalWeight.add(weight[i]);
            totalUse = totalUse.add(BigInteger.valueOf(d.utilisationUnits()));
        }
        BigInteger demand = BigInteger.valueOf(rule.creditsPerVolumeUnit()).multiply(totalWeight);
        BigInteger pool = BigInteger.valueOf(funding.holdingPool()).multiply(FULL);
        BigInteger payable = demand.min(pool);
        List<Credit> credits = new ArrayList<>();
        long holdingPaid = 0;
        long usePaid = 0;
        for (int i = 0; i < depositors.size(); i++) {
            long holding = totalWeight.signum() == 0
                    ? 0
                    : weight[i].multiply(payable).divide(totalWeight.multiply(FULL)).longValueExact();
            long use = totalUse.signum() == 0
                    ? 0
                    : BigInteger.valueOf(funding.utilisationPool()).multiply(BigInteger.valueOf(depositors.get(i)
                            .utilisationUnits())).divide(totalUse).longValueExact();
            credits.add(new Credit(depositors.get(i).depositor(), volume[i], quality[i], weight[i].longValueExact(),
                    holding, use));
            holdingPaid += holding;
            usePaid += use;
        }
        return Result.ok(new CreditStatement(credits, holdingPaid, usePaid, funding.holdingPool() - holdingPaid,
                funding.utilisationPool() - usePaid, demand.compareTo(pool) > 0));
    }

    /** {@code ⌊1000 · log2(1 + records)⌋}; non-decreasing in {@code records} (Math.log1p is semi-monotonic). */
    public static long volumeUnits(long records) {
        return (long) Math.floor(1000 * (Math.log1p(records) / Math.log(2)));
    }

    private static List<Failure.Issue> check(CreditRule rule, PeriodFunding funding, List<DepositorPeriod> ds) {
        List<Failure.Issue> issues = new ArrayList<>();
        if (rule.creditsPerVolumeUnit() < 0) {
            issues.add(new Failure.Issue("the rate is at least 0", "rule.creditsPerVolumeUnit"));
        }
        if (funding.holdingPool() < 0 || funding.utilisationPool() < 0) {
            issues.add(new Failure.Issue("pools are at least 0", "funding"));
        }
        Set<AccountId> seen = new HashSet<>();
        for (int i = 0; i < ds.size(); i++) {
            DepositorPeriod d = ds.get(i);
            if (d.recordsHeld() < 0 || d.utilisationUnits() < 0 || d.stream().filter(s -> !s.valid()).isPresent()) {
                issues.add(new Failure.Issue("counts are at least 0 and days with data within the period",
                        "depositors[" + i + "]"));
            }
            if (!seen.add(d.depositor())) {
                issues.add(new Failure.Issue("depositor " + d.depositor() + " is listed twice", "depositors[" + i
                        + "]"));
            }
        }
        return issues;
    }
}
