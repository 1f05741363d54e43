package io.salus.core.usecase.study;

import io.salus.core.account.EvmAddress;
import io.salus.core.deal.Payout;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.federation.Member;
import io.salus.core.study.RoundCalls;
import io.salus.core.study.StudyPart;
import io.salus.core.study.StudyTerms;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The coordinator's collection of the payout parts after the last round (decision 0037): every member that trained
 * it, other than this node (whose patients the deal's settlement pays), is asked over the signed channel for its
 * payees. A member that does not answer fails the study ({@code STUDY_PAYEES_MISSING}: its patients could not be
 * paid, so no model is released); one that names more payees than the patients it said it trained on with its masked
 * update, or whose counts together exceed the round's noisy count beyond its noise, is refused
 * ({@code STUDY_PAYEES_EXCEED_TRAINED}); a payee named twice, in one part or two, is refused
 * ({@code STUDY_PAYEES_INVALID}). Stateless.
 */
final class StudyParts {
    /** Standard deviations of the summed count's noise the reported counts may exceed it by (false alarm ≈ 3e-5). */
    static final double COUNT_SLACK_SD = 4;

    private StudyParts() {
    }

    static Result<List<StudyPart>> collect(StudyRound.RoundMembers members, StudyTerms t, int round,
            Map<EvmAddress, Integer> trained, double noisyCount, EvmAddress self) {
        Result<Boolean> counts = plausible(trained, noisyCount, t.spec().sigma());
        if (!counts.isOk()) {
            return counts.propagate();
        }
        List<StudyPart> parts = new ArrayList<>();
        Set<EvmAddress> seen = new HashSet<>();
        for (Member m : members.byId().values()) {
            Integer n = trained.get(m.node());
            if (n == null || n == 0 || m.node().equals(self)) {
                continue;
            }
            Result<RoundCalls.PayeeList> answer = members.payees(m, new RoundCalls.Payees(m.node(), t.study(), round));
            if (!answer.isOk()) {
                return Result.fail(ErrorCode.STUDY_PAYEES_MISSING, m.organisation() + " (" + m.node() + ") did not "
                        + "report the payees of its " + n + " patients: " + answer.failure().code().code() + " "
                        + answer.failure().detail());
            }
            Result<StudyPart> part = check(m.node(), n, answer.orElseThrow().payouts(), seen);
            if (!part.isOk()) {
                return part.propagate();
            }
            if (!part.orElseThrow().payouts().isEmpty()) {
                parts.add(part.orElseThrow());
            }
        }
        return Result.ok(parts);
    }

    /** A member's part: at most as many payees as it trained on, none named before. */
    static Result<StudyPart> check(EvmAddress member, int trained, List<Payout> payouts, Set<EvmAddress> seen) {
        if (payouts.size() > trained) {
            return Result.fail(ErrorCode.STUDY_PAYEES_EXCEED_TRAINED, member + " named " + payouts.size()
                    + " payees for the " + trained + " patients it trained the last round on");
        }
        for (Payout p : payouts) {
            if (!seen.add(p.patient())) {
                return Result.fail(ErrorCode.STUDY_PAYEES_INVALID, member + " named the payee " + p.patient()
                        + " twice or another member's");
            }
        }
        return Result.ok(new StudyPart(member, trained, payouts));
    }

    /**
     * The members' reported counts against the round's summed noisy count: each member added Gaussian noise of
     * σ·√3 to its count, so their sum may exceed the noisy total by a few standard deviations only.
     */
    static Result<Boolean> plausible(Map<EvmAddress, Integer> trained, double noisyCount, double sigma) {
        long reported = trained.values().stream().mapToLong(Integer::longValue).sum();
        double sd = sigma * Math.sqrt(3) * Math.sqrt(Math.max(1, trained.size()));
        if (reported > noisyCount + COUNT_SLACK_SD * sd + 1) {
            return Result.fail(ErrorCode.STUDY_PAYEES_EXCEED_TRAINED, "the members reported " + reported
                    + " patients, more than the round's summed noisy count " + Math.round(noisyCount) + " allows ("
                    + COUNT_SLACK_SD + " standard deviations of its noise, " + Math.round(sd) + ")");
        }
        return Result.ok(true);
    }
}
