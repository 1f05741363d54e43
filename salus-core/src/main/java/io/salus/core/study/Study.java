package io.salus.core.study;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A federated study at the consumer's home node, which coordinates it: the consumer, the matched deal whose terms
 * (criteria, categories, purpose, price) every member applies to its own patients and whose settlement releases the
 * final model, the spec, the state and, once trained, the hash of the released model document. Immutable.
 */
public record Study(UUID id, AccountId consumer, Hash32 deal, StudySpec spec, StudyState state,
        Optional<String> reasonCode, Optional<String> reason, Optional<Hash32> outputHash, Instant createdAt) {
    public Study {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(deal, "deal");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(state, "state");
    }

    public static Study running(UUID id, AccountId consumer, Hash32 deal, StudySpec spec, Instant at) {
        return new Study(id, consumer, deal, spec, StudyState.RUNNING, Optional.empty(), Optional.empty(),
                Optional.empty(), at);
    }
}
