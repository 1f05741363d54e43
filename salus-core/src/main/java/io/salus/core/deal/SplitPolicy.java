package io.salus.core.deal;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;

/**
 * The split policy the DealPolicy contract enforces: the least each role gets of every patient's price (basis points)
 * and the most the node operator gets. Set by the policy admin through the timelock, never by a consumer. Immutable.
 */
public record SplitPolicy(int minPatient, int minProviders, int minCaregiver, int minDaoTreasury, int maxOperator) {
    public SplitPolicy {
        if (minPatient <= 0 || minProviders < 0 || minCaregiver < 0 || minDaoTreasury < 0 || maxOperator < 0
                || maxOperator > Split.TOTAL_BPS
                || (long) minPatient + minProviders + minCaregiver + minDaoTreasury > Split.TOTAL_BPS) {
            throw new IllegalArgumentException("a policy's minimums are 0..10,000 (the patient's at least 1) and sum "
                    + "to at most 10,000");
        }
    }

    /** Whether the split meets every minimum and the operator's maximum. */
    public boolean admits(Split s) {
        return s.patient() >= minPatient && s.providers() >= minProviders && s.caregiver() >= minCaregiver
                && s.daoTreasury() >= minDaoTreasury && s.operator() <= maxOperator;
    }

    /** The split, or {@code DEAL_BELOW_POLICY} naming the first share that misses the policy. */
    public Result<Split> check(Split s) {
        if (s.patient() < minPatient) {
            return below("the patient's share " + s.patient() + " bps is under the policy's minimum " + minPatient);
        }
        if (s.providers() < minProviders) {
            return below("the providers' share " + s.providers() + " bps is under the minimum " + minProviders);
        }
        if (s.caregiver() < minCaregiver) {
            return below("the caregiver's share " + s.caregiver() + " bps is under the minimum " + minCaregiver);
        }
        if (s.daoTreasury() < minDaoTreasury) {
            return below("the treasury's share " + s.daoTreasury() + " bps is under the minimum " + minDaoTreasury);
        }
        if (s.operator() > maxOperator) {
            return below("the operator's share " + s.operator() + " bps is over the policy's maximum " + maxOperator);
        }
        return Result.ok(s);
    }

    /** The split the node proposes when a consumer names none: the minimums, the rest to the patient. */
    public Split defaultSplit() {
        return new Split(Split.TOTAL_BPS - minProviders - minCaregiver - minDaoTreasury, minProviders, minCaregiver,
                minDaoTreasury, 0);
    }

    private static Result<Split> below(String detail) {
        return Result.fail(ErrorCode.DEAL_BELOW_POLICY, detail);
    }
}
