package io.salus.core.record;

import io.salus.core.account.AccountId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Who deposited a record, for which deposit, from which source (e.g. "fhir-bundle", an EHR name) and when. */
public record Provenance(AccountId author, UUID depositId, String source, Instant depositedAt) {
    public Provenance {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(depositId, "depositId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(depositedAt, "depositedAt");
    }
}
