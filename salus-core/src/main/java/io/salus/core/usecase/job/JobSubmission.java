package io.salus.core.usecase.job;

import io.salus.core.account.Account;
import io.salus.core.account.AccountKind;
import io.salus.core.deal.Deal;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.job.Job;
import io.salus.core.job.JobLimits;
import io.salus.core.job.JobPlan;
import io.salus.core.job.JobSpec;
import io.salus.core.job.JobState;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.JobStore;
import io.salus.core.usecase.deal.DealResults;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Submitting a job against one of the consumer's matched deals: stored SUBMITTED, then checked against the deal's
 * terms and the node's policy (an allow-listed algorithm, only columns the deal's categories grant, valid parameters
 * and ε, a module within the size cap) and moved to APPROVED, or to REJECTED with the reason. Each step is an audited
 * transition. Consent is checked when the job runs (the patients who consent then are its cohort). Thread-safe.
 */
public final class JobSubmission {
    private final JobStore jobs;
    private final DealResults deals;
    private final JobLimits limits;
    private final RandomGenerator random;
    private final Clock clock;

    public JobSubmission(JobStore jobs, DealResults deals, JobLimits limits, RandomGenerator random, Clock clock) {
        this.jobs = jobs;
        this.deals = deals;
        this.limits = limits;
        this.random = random;
        this.clock = clock;
    }

    /** The job after its approval or rejection; a failure (nothing stored) for a deal not the actor's or not ready. */
    public Result<Job> submit(Account actor, Hash32 dealId, JobSpec spec) {
        if (actor.kind() != AccountKind.CONSUMER) {
            return Result.fail(ErrorCode.NOT_A_CONSUMER, "only consumer accounts submit jobs");
        }
        Result<Deal> deal = deals.matched(actor, dealId);
        if (!deal.isOk()) {
            return deal.propagate();
        }
        Instant now = clock.instant();
        Job job = Job.submitted(new UUID(random.nextLong() & ~0xF000L | 0x4000L,
                random.nextLong() & ~0xC000000000000000L | 0x8000000000000000L), actor.id(), dealId, spec, now);
        Optional<Failure> busy = jobs.submit(job, now);
        if (busy.isPresent()) {
            return Result.fail(busy.get());
        }
        Result<JobPlan> plan = JobPlan.of(spec, deal.orElseThrow().categories(), limits);
        if (plan.isOk()) {
            jobs.move(job.id(), JobState.SUBMITTED, JobState.APPROVED, Optional.empty(), clock.instant());
        } else {
            jobs.move(job.id(), JobState.SUBMITTED, JobState.REJECTED, Optional.of(plan.failure()), clock.instant());
        }
        return Result.ok(jobs.find(job.id()).orElseThrow());
    }
}
