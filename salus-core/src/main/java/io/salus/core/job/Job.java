package io.salus.core.job;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A compute job against a deal: who asked, on which deal, what ({@link JobSpec}) and the algorithm's hash; its state
 * and, for a job that ended otherwise than released, the reason (a stable code and a detail); once released, the
 * input commitment (the deal's committed cohort root) and the hash of the released output (keccak-256 of the result
 * document, the package hash the deal's settlement puts on chain). Immutable.
 */
public record Job(UUID id, AccountId consumer, Hash32 deal, JobSpec spec, Hash32 algorithmHash, JobState state,
        Optional<String> reasonCode, Optional<String> reason, Optional<Hash32> inputRoot,
        Optional<Hash32> outputHash, Instant submittedAt, Instant updatedAt) {
    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(deal, "deal");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(algorithmHash, "algorithmHash");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(inputRoot, "inputRoot");
        Objects.requireNonNull(outputHash, "outputHash");
        Objects.requireNonNull(submittedAt, "submittedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A job just submitted. */
    public static Job submitted(UUID id, AccountId consumer, Hash32 deal, JobSpec spec, Instant at) {
        return new Job(id, consumer, deal, spec, spec.algorithmHash(), JobState.SUBMITTED, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), at, at);
    }
}
