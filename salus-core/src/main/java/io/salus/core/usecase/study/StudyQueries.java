package io.salus.core.usecase.study;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.deal.Deal;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.port.StudyStore;
import io.salus.core.study.RoundRecord;
import io.salus.core.study.Study;
import io.salus.core.study.StudyPart;
import io.salus.core.study.StudyState;
import io.salus.core.usecase.deal.DealDelivery;
import io.salus.core.usecase.deal.DealQueries;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a consumer sees of its studies: the study and its rounds (the operator too), settling the study (the other
 * members' payout parts first, then the deal, which pays the coordinating node's patients used and releases the
 * model's key on chain) and the model: only to the
 * study's consumer, only once trained, only for a deal the chain says is settled ({@link DealQueries#packageBytes}).
 * Anyone else is told there is no such study. Thread-safe.
 */
public final class StudyQueries {
    private final StudyStore studies;
    private final DealQueries deals;
    private final DealDelivery delivery;
    private final StudySettlement parts;

    public StudyQueries(StudyStore studies, DealQueries deals, DealDelivery delivery, StudySettlement parts) {
        this.studies = studies;
        this.deals = deals;
        this.delivery = delivery;
        this.parts = parts;
    }

    /** A study with its finished rounds, first first, its payout parts and whether they are all paid on chain. */
    public record View(Study study, List<RoundRecord> rounds, List<StudyPart> parts, boolean partsPaid) {
    }

    public Result<View> find(Account actor, UUID id) {
        return visible(actor, id, true).map(s -> {
            List<StudyPart> ps = studies.parts(id);
            return new View(s, studies.rounds(id), ps, ps.isEmpty() || s.state() == StudyState.TRAINED
                    && parts.mayRelease(s.deal()).isOk());
        });
    }

    public List<Study> mine(Account actor) {
        return studies.byConsumer(actor.id());
    }

    /** Pays the other members' parts, then settles the deal, which pays the home node's and releases the model. */
    public Result<Deal> settle(Account actor, UUID id) {
        return trained(actor, id).flatMap(s -> parts.payParts(actor, s).flatMap(paid -> delivery.deliver(actor,
                s.deal())));
    }

    public Result<byte[]> result(Account actor, UUID id) {
        return trained(actor, id).flatMap(s -> deals.packageBytes(actor, s.deal()));
    }

    private Result<Study> trained(Account actor, UUID id) {
        return visible(actor, id, false).flatMap(s -> s.state() == StudyState.TRAINED
                ? Result.ok(s)
                : Result.fail(ErrorCode.STUDY_NOT_TRAINED, "study " + id + " is " + s.state()
                        + s.reasonCode().map(c -> " (" + c + ")").orElse("") + ": no model is staged"));
    }

    private Result<Study> visible(Account actor, UUID id, boolean operatorMay) {
        Optional<Study> s = studies.find(id);
        if (s.isEmpty() || !(s.get().consumer().equals(actor.id())
                || operatorMay && actor.kind() == AccountKind.OPERATOR)) {
            return Result.fail(ErrorCode.STUDY_NOT_FOUND, "no study " + id + " for this account");
        }
        return Result.ok(s.get());
    }
}
