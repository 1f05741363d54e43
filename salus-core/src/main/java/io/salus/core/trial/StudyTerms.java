package io.salus.core.trial;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The money of a study: the fee paid per enrolled patient (token units, 6 decimals), the most patients paid, the
 * deadline (whole seconds) after which nobody is enrolled and the rest of the escrow goes back to the sponsor, and the
 * milestones (none, or up to {@link Milestone#MAX}) whose fees an enrolled patient is paid when the sponsor attests
 * them.
 */
public record StudyTerms(long feePerPatient, int cap, Instant deadline, List<Milestone> milestones) {
    /** The most patients one study may pay: bounds the escrow and the work of inviting. */
    public static final int MAX_CAP = 10_000;

    public StudyTerms {
        Objects.requireNonNull(deadline, "deadline");
        milestones = List.copyOf(milestones);
    }

    /** Terms without milestones. */
    public StudyTerms(long feePerPatient, int cap, Instant deadline) {
        this(feePerPatient, cap, deadline, List.of());
    }

    /** What the sponsor deposits: (fee + the milestone fees) × cap. */
    public long escrow() {
        long perPatient = feePerPatient;
        for (Milestone m : milestones) {
            perPatient = Math.addExact(perPatient, m.fee());
        }
        return Math.multiplyExact(perPatient, (long) cap);
    }

    /** The milestone of this name and its index, if the study declares it. */
    public Optional<Integer> milestoneIndex(String name) {
        for (int i = 0; i < milestones.size(); i++) {
            if (milestones.get(i).name().equals(name)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
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
        if (milestones.size() > Milestone.MAX) {
            return Result.fail(Failure.of(ErrorCode.TRIAL_INVALID_TERMS, "at most " + Milestone.MAX
                    + " milestones", "milestones"));
        }
        Set<String> names = new HashSet<>();
        for (Milestone m : milestones) {
            if (m.name().isBlank() || m.name().length() > Milestone.MAX_NAME || !m.name().equals(m.name().strip())
                    || !names.add(m.name())) {
                return Result.fail(Failure.of(ErrorCode.TRIAL_INVALID_TERMS, "each milestone has its own name of 1.."
                        + Milestone.MAX_NAME + " characters", "milestones"));
            }
            if (m.fee() <= 0) {
                return Result.fail(Failure.of(ErrorCode.TRIAL_INVALID_TERMS, "each milestone's fee must be positive",
                        "milestones"));
            }
        }
        long perPatient = feePerPatient;
        for (Milestone m : milestones) {
            perPatient = m.fee() > Long.MAX_VALUE - perPatient ? Long.MAX_VALUE : perPatient + m.fee();
        }
        if (perPatient > Long.MAX_VALUE / cap || perPatient == Long.MAX_VALUE) {
            return Result.fail(Failure.of(ErrorCode.TRIAL_INVALID_TERMS, "(fee + milestone fees) × cap overflows",
                    "feePerPatient"));
        }
        return Result.ok(new StudyTerms(feePerPatient, cap, Instant.ofEpochSecond(deadline.getEpochSecond()),
                milestones));
    }
}
