package io.salus.core.port;

import io.salus.core.account.AccountId;
import io.salus.core.error.Failure;
import io.salus.core.job.Job;
import io.salus.core.job.JobState;
import io.salus.core.job.JobTransition;
import io.salus.core.merkle.Hash32;
import io.salus.core.outbox.OutboxMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Compute jobs and their audited transitions. Every change of state is one transaction that checks the state it moves
 * from (so two workers, or a worker and a restart, never both move a job) and appends its transition. A deal is held
 * by at most one job that is not rejected, failed or timed out (its package is that job's output). Thread-safe.
 */
public interface JobStore {

    /** Stores a submitted job with its first transition; {@code JOB_DEAL_BUSY} if another job holds the deal. */
    Optional<Failure> submit(Job job, Instant at);

    /**
     * Moves a job from {@code from} to {@code to}, with the reason for an end other than a release; false (nothing
     * written) when the job is no longer in {@code from}.
     */
    boolean move(UUID job, JobState from, JobState to, Optional<Failure> reason, Instant at);

    /**
     * Moves a running job to RELEASED with its input root and output hash, and enqueues {@code record} (its on-chain
     * record) in the same transaction; false when it is no longer running.
     */
    boolean release(UUID job, Hash32 inputRoot, Hash32 outputHash, OutboxMessage record, Instant at);

    Optional<Job> find(UUID job);

    /** Jobs in a state, oldest first, at most {@code limit}. */
    List<Job> inState(JobState state, int limit);

    /** A consumer's jobs, newest first. */
    List<Job> byConsumer(AccountId consumer);

    /** A job's transitions, oldest first. */
    List<JobTransition> transitions(UUID job);
}
