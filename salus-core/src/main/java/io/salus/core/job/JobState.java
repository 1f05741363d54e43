package io.salus.core.job;

/**
 * Where a compute job is: {@code SUBMITTED} (stored, not yet checked), {@code APPROVED} (the deal's terms, consent and
 * policy allow it; waiting for the worker), {@code RUNNING} (the worker took it), {@code RELEASED} (its output passed
 * the release gate and is staged as the deal's package, readable once the deal is settled), or one of the ends
 * {@code REJECTED} (outside the deal's terms or policy), {@code FAILED} (the run or the gate refused it, or a restart
 * interrupted it), {@code TIMED_OUT} (the module passed its deadline and was stopped).
 */
public enum JobState {
    SUBMITTED,
    APPROVED,
    RUNNING,
    RELEASED,
    REJECTED,
    FAILED,
    TIMED_OUT;

    /** Whether nothing more happens to a job in this state. */
    public boolean terminal() {
        return this == RELEASED || this == REJECTED || this == FAILED || this == TIMED_OUT;
    }

    /** Whether a job in this state holds its deal (the deal's package is, or will be, this job's output). */
    public boolean holdsDeal() {
        return this == SUBMITTED || this == APPROVED || this == RUNNING || this == RELEASED;
    }
}
