package io.salus.core.usecase.job;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.deal.Deal;
import io.salus.core.deal.DealPhase;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.job.Job;
import io.salus.core.job.JobState;
import io.salus.core.job.JobTransition;
import io.salus.core.port.JobStore;
import io.salus.core.usecase.deal.DealDelivery;
import io.salus.core.usecase.deal.DealQueries;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a consumer sees of its jobs: the job and its audited transitions (the operator too), settling the job's deal
 * (which pays each patient the job used, with the deal's split, and releases the result's key on chain), and the
 * result: only to the job's consumer, only once released, and only for a deal the chain says is settled, with the key
 * the settlement released ({@link DealQueries#packageBytes}). Anyone else is told there is no such job. Thread-safe.
 */
public final class JobQueries {
    private final JobStore jobs;
    private final DealQueries deals;
    private final DealDelivery delivery;
    private final Clock clock;

    public JobQueries(JobStore jobs, DealQueries deals, DealDelivery delivery, Clock clock) {
        this.jobs = jobs;
        this.deals = deals;
        this.delivery = delivery;
        this.clock = clock;
    }

    /** The job with its transitions, oldest first. */
    public record View(Job job, List<JobTransition> transitions) {
    }

    public Result<View> find(Account actor, UUID id) {
        return visible(actor, id, true).map(j -> new View(j, jobs.transitions(id)));
    }

    /** The consumer's jobs, newest first. */
    public List<Job> mine(Account actor) {
        return jobs.byConsumer(actor.id());
    }

    /** Settles the released job's deal on chain (its escrow pays the patients whose data the job used). */
    public Result<Deal> settle(Account actor, UUID id) {
        return released(actor, id).flatMap(j -> delivery.deliver(actor, j.deal()));
    }

    /** The encrypted result with its key slot filled from the chain, once the deal is settled. */
    public Result<byte[]> result(Account actor, UUID id) {
        return released(actor, id).flatMap(j -> deals.packageBytes(actor, j.deal()));
    }

    /**
     * The job, if released and its result still the deal's package. An erasure of a patient it used deletes a staged
     * package not yet settling and puts the deal back to MATCHED: the job then fails ({@code JOB_RESULT_WITHDRAWN}),
     * which frees the deal for a new job, and its deal is never settled as a data delivery in its name.
     */
    private Result<Job> released(Account actor, UUID id) {
        return visible(actor, id, false).flatMap(j -> {
            if (j.state() != JobState.RELEASED) {
                return Result.fail(ErrorCode.JOB_NOT_RELEASED, "job " + id + " is " + j.state()
                        + j.reasonCode().map(c -> " (" + c + ")").orElse("") + ": it has no released result");
            }
            return deals.find(actor, j.deal()).flatMap(v -> {
                if (v.deal().phase() != DealPhase.MATCHED) {
                    return Result.ok(j);
                }
                Failure withdrawn = Failure.of(ErrorCode.JOB_RESULT_WITHDRAWN, "job " + id + "'s staged result was "
                        + "deleted before settlement because a patient it used erased their data; submit it again");
                jobs.move(id, JobState.RELEASED, JobState.FAILED, Optional.of(withdrawn), clock.instant());
                return Result.fail(withdrawn);
            });
        });
    }

    private Result<Job> visible(Account actor, UUID id, boolean operatorMay) {
        Optional<Job> j = jobs.find(id);
        if (j.isEmpty() || !(j.get().consumer().equals(actor.id())
                || operatorMay && actor.kind() == AccountKind.OPERATOR)) {
            return Result.fail(ErrorCode.JOB_NOT_FOUND, "no job " + id + " for this account");
        }
        return j.<Result<Job>>map(Result::ok).orElseThrow();
    }
}
