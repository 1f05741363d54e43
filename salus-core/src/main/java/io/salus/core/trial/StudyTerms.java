package io.salus.core.trial;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import java.time.Instant;
import java.util.Objects;

/**
 * The money of a study: the fee paid per enrolled patient (token units, 6 decimals), the most patients paid, and the
 * deadline (whole seconds) after which nobody is enrolled and the rest of the escrow goes back to the sponsor.
 */
public record StudyTerms(long feePerPatient, int cap, Instant deadline) {
    /** The most patients one study may pay: bounds the escrow and the work of inviting. */
    public static final int MAX_CAP = 10_000;

    public StudyTerms {
        Objects.requireNonNull(deadline, "deadline");
    }

    /** What the sponsor deposits: fee × cap. */
    public long escrow() {
        return Math.multiplyExact(feePerPatient, (long) cap);
    }

    /** The terms if they are payable and the deadline is in the future. */
    public Result<StudyTerms> validate(Instant now) {
        if (feePerPatient <= 0) {
            return Result.fail(Failure.of(ErrorCode.TRIAL_INVALID_TERMS, "the fee per patient must be positive",
                    "feePerPatient"));
        }
        if (cap <= 0 || cap > MAX_CAP) {
            return Result.fail(Failure.of(ErrorCode.TRIAL_INVALID_TERMS, "the cap must be 1.." + MAX_CAP, "cap"));
        }
        if (!deadline.isAfter(now)) {
            return Result.fail(Failure.of(ErrorCode.TRIAL_INVALID_TERMS, "the deadline must be in the future",
                    "deadline"));
        }
        if (feePerPatient > Long.MAX_VALUE / cap) {
            return Result.fail(Failure.of(ErrorCode.TRIAL_INVALID_TERMS, "fee × cap overflows", "feePerPatient"));
        }
        return Result.ok(new StudyTerms(feePerPatient, cap, Instant.ofEpochSecond(deadline.getEpochSecond())));
    }
}
