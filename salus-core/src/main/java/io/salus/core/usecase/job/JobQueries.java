package io.salus.core.usecase.job;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.deal.Deal;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import io.salus.core.job.Job;
import io.salus.core.job.JobState;
import io.salus.core.job.JobTransition;
import io.salus.core.port.JobStore;
import io.salus.core.usecase.deal.DealDelivery;
import io.salus.core.usecase.deal.DealQueries;
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

    public JobQueries(JobStore jobs, DealQueries deals, DealDelivery delivery) {
        this.jobs = jobs;
        this.deals = deals;
        this.delivery = delivery;
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

    private Result<Job> released(Account actor, UUID id) {
        return visible(actor, id, false).flatMap(j -> j.state() == JobState.RELEASED
                ? Result.ok(j)
                : Result.fail(ErrorCode.JOB_NOT_RELEASED, "job " + id + " is " + j.state()
                        + j.reasonCode().map(c -> " (" + c + ")").orElse("") + ": it has no released result"));
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
