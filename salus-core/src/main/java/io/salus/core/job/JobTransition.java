package io.salus.core.job;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One audited step of a job: from which state (none for the submission) to which, when, and why (a stable code for a
 * refusal or failure, and a detail). Kept append-only beside the job, written in the transaction that moves it.
 */
public record JobTransition(UUID job, Optional<JobState> from, JobState to, Instant at, Optional<String> code,
        String detail) {
    public JobTransition {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }
}
