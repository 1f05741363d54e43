package io.salus.core.usecase.job;

import io.salus.core.account.Account;
import io.salus.core.compute.CohortView;
import io.salus.core.compute.ModuleOutput;
import io.salus.core.compute.SandboxLimits;
import io.salus.core.deal.StagedPackage;
import io.salus.core.error.ErrorCode;
import io.salus.core.error.Failure;
import io.salus.core.error.Result;
import io.salus.core.job.Job;
import io.salus.core.job.JobLimits;
import io.salus.core.job.JobPlan;
import io.salus.core.job.JobState;
import io.salus.core.job.ReleaseGate;
import io.salus.core.job.ResultDocument;
import io.salus.core.merkle.Hash32;
import io.salus.core.port.AccountStore;
import io.salus.core.port.JobStore;
import io.salus.core.port.ModuleRunner;
import io.salus.core.port.PrivacyBudget;
import io.salus.core.usecase.deal.DealResults;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Runs approved jobs, one at a time per call: APPROVED → RUNNING; the deal's members who consent now form the cohort;
 * the job's ε is charged to the organisation's budget before any data is read (a run that fails later has still
 * spent it); the granted columns are read, the built-in or the module runs, the release gate releases the output; the
 * result is staged as the deal's package (paid for and served like a data package) and the job moves to RELEASED
 * with its on-chain record enqueued in the same transaction. A module stopped at its deadline ends TIMED_OUT, any
 * other refusal FAILED with its code. At start, {@link #recover} fails the jobs a previous process left half done.
 * Thread-safe (each job is taken by one caller, by its state).
 */
public final class JobRunner {
    private final JobStore jobs;
    private final AccountStore accounts;
    private final DealResults deals;
    private final CohortReader reader;
    private final ReleaseGate gate;
    private final ModuleRunner modules;
    private final PrivacyBudget budget;
    private final JobLimits limits;
    private final RandomGenerator random;
    private final Clock clock;

    public JobRunner(JobStore jobs, AccountStore accounts, DealResults deals, CohortReader reader, ReleaseGate gate,
            ModuleRunner modules, PrivacyBudget budget, JobLimits limits, RandomGenerator random, Clock clock) {
        this.jobs = jobs;
        this.accounts = accounts;
        this.deals = deals;
        this.reader = reader;
        this.gate = gate;
        this.modules = modules;
        this.budget = budget;
        this.limits = limits;
        this.random = random;
        this.clock = clock;
    }

    /**
     * Fails, visibly and with {@code JOB_INTERRUPTED}, every job a stopped process left SUBMITTED or RUNNING (its
     * budget may have been charged and its run cut short; running it again could release twice). APPROVED jobs were
     * not started: the worker runs them. Call once at start, before the worker.
     */
    public int recover() {
        int n = 0;
        for (JobState s : List.of(JobState.SUBMITTED, JobState.RUNNING)) {
            for (Job j : jobs.inState(s, Integer.MAX_VALUE)) {
                if (jobs.move(j.id(), s, JobState.FAILED, Optional.of(Failure.of(ErrorCode.JOB_INTERRUPTED, "the "
                        + "node stopped while the job was " + s + "; it was not resumed")), clock.instant())) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * For a node of several instances (decision 0031): fails RUNNING jobs only, as {@link #recover} does. Call under the
     * lock the job worker runs under, where no instance is running a job, so every RUNNING one is an orphan; a
     * SUBMITTED job may be another live instance's submission in progress and is left alone.
     */
    public int recoverRunning() {
        int n = 0;
        for (Job j : jobs.inState(JobState.RUNNING, Integer.MAX_VALUE)) {
            if (jobs.move(j.id(), JobState.RUNNING, JobState.FAILED, Optional.of(Failure.of(ErrorCode.JOB_INTERRUPTED,
                    "the instance running the job stopped; it was not resumed")), clock.instant())) {
                n++;
            }
        }
        return n;
    }

    /** Runs the oldest approved job, if any; whether there was one. */
    public boolean runNext() {
        List<Job> next = jobs.inState(JobState.APPROVED, 1);
        next.forEach(this::run);
        return !next.isEmpty();
    }

    private void run(Job job) {
        if (!jobs.move(job.id(), JobState.APPROVED, JobState.RUNNING, Optional.empty(), clock.instant())) {
            return;
        }
        Result<Hash32[]> done = execute(job);
        if (Thread.currentThread().isInterrupted()) {
            return; // the node is stopping: the job stays RUNNING and the next start fails it visibly (recover)
        }
        if (done.isOk()) {
            Hash32[] h = done.orElseThrow();
            jobs.release(job.id(), h[0], h[1], JobRecords.message(job, h[0], h[1]), clock.instant());
        } else {
            JobState end = done.failure().code() == ErrorCode.SANDBOX_TIMED_OUT ? JobState.TIMED_OUT : JobState.FAILED;
            jobs.move(job.id(), JobState.RUNNING, end, Optional.of(done.failure()), clock.instant());
        }
    }

    /** The input root and output hash of the released result. */
    private Result<Hash32[]> execute(Job job) {
        Optional<Account> consumer = accounts.find(job.consumer());
        if (consumer.isEmpty()) {
            return Result.fail(ErrorCode.ACCOUNT_NOT_FOUND, "the job's consumer is gone");
        }
        return deals.consenting(consumer.get(), job.deal()).flatMap(cohort -> JobPlan.of(job.spec(), cohort.deal()
                .categories(), limits).flatMap(
                        plan -> budget.charge(consumer.get().id(), plan.epsilon(), "job|"
                                + job.id())
                                .flatMap(charged -> reader.read(cohort.patients(), cohort.deal().categories(),
                                        plan.columns()))
                                .flatMap(columns -> compute(plan, columns, cohort.patients().size()))
                                .flatMap(doc -> deals.stage(cohort, ResultDocument.json(doc)))
                                .map((StagedPackage staged) -> new Hash32[]{cohort.deal().cohortRoot().orElseThrow(),
                                        staged.plaintextKeccak()})));
    }

    private Result<Map<String, Object>> compute(JobPlan plan, Map<String, double[]> columns, int rows) {
        return switch (plan) {
            case JobPlan.Mean m -> gate.mean(m, columns.get(m.columns().get(0)));
            case JobPlan.Quantiles q -> gate.quantiles(q, columns.get(q.columns().get(0)));
            case JobPlan.Rates r -> Result.ok(gate.rates(r, columns.get(r.columns().get(0)),
                    columns.get(r.columns().get(1))));
            case JobPlan.Survival s -> gate.survival(s, columns.get(s.columns().get(0)), s.columns().size() == 2
                    ? columns.get(s.columns().get(1))
                    : null);
            case JobPlan.Logistic l -> Result.ok(gate.logistic(l, l.features().stream().map(columns::get).toList(),
                    columns.get(l.columns().getLast())));
            case JobPlan.Module m -> gate.moduleCohort(m, m.blocks(), rows)
                    .flatMap(size -> runBlocks(m, columns, rows).flatMap(runs -> gate.module(m, size, runs)));
        };
    }

    /** The module run once per block of a random partition of the rows; the first failure stops it. */
    private Result<List<List<Double>>> runBlocks(JobPlan.Module m, Map<String, double[]> columns, int rows) {
        List<List<Integer>> blocks = new ArrayList<>();
        for (int b = 0; b < m.blocks(); b++) {
            blocks.add(new ArrayList<>());
        }
        List<Integer> shuffled = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            shuffled.add(i);
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, t);
        }
        for (int i = 0; i < rows; i++) {
            blocks.get(i % m.blocks()).add(shuffled.get(i));
        }
        SandboxLimits sandbox = new SandboxLimits(limits.memoryPages(), m.deadline(), limits.maxEmitted(),
                limits.maxModuleBytes());
        List<List<Double>> runs = new ArrayList<>();
        for (List<Integer> block : blocks) {
            Map<String, double[]> part = new HashMap<>();
            for (String c : m.columns()) {
                double[] all = columns.get(c);
                part.put(c, block.stream().mapToDouble(i -> all[i]).toArray());
            }
            Result<ModuleOutput> out = CohortView.granted(part, m.columns())
                    .flatMap(view -> modules.run(m.module(), view, sandbox));
            if (!out.isOk()) {
                return out.propagate();
            }
            runs.add(out.orElseThrow().values());
        }
        return Result.ok(runs);
    }
}
