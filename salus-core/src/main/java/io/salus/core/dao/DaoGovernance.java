package io.salus.core.dao;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.time.Duration;

/**
 * How a DAO decides: a proposal opens for votes {@code votingDelay} after it is made and stays open for
 * {@code votingPeriod}; it passes with at least {@code quorumVotes} votes for or abstaining and more for than against,
 * then waits {@code timelockDelay} in the timelock. Each member has {@code creditsPerPeriod} voting credits per
 * {@code creditPeriod}; v votes on one proposal cost v².
 */
public record DaoGovernance(Duration votingDelay, Duration votingPeriod, long quorumVotes, long creditsPerPeriod,
        Duration creditPeriod, Duration timelockDelay) {

    /** Governance settings, or {@code DAO_INVALID_TERMS}. */
    public Result<DaoGovernance> validate() {
        if (votingDelay.isNegative() || votingPeriod.toSeconds() < 1 || quorumVotes < 1 || creditsPerPeriod < 1
                || creditPeriod.toSeconds() < 1 || timelockDelay.isNegative()) {
            return Result.fail(ErrorCode.DAO_INVALID_TERMS, "governance: a voting period, a credit period and a "
                    + "quorum of at least 1, some credits, no negative delay");
        }
        return Result.ok(this);
    }

    /** The most votes one member can cast in a period: the integer square root of its credits. */
    public long maxVotesPerPeriod() {
        long v = (long) Math.sqrt((double) creditsPerPeriod);
        while (v * v > creditsPerPeriod) {
            v--;
        }
        while ((v + 1) * (v + 1) <= creditsPerPeriod) {
            v++;
        }
        return v;
    }
}
