package io.salus.core.record;

import io.salus.core.account.AccountId;
import io.salus.core.merkle.Hash32;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the store holds about one deposit: enough to answer a retry with the original receipt. */
public record DepositSummary(UUID depositId, AccountId patient, AccountId author, Instant depositedAt,
        Hash32 requestHash, List<RecordSummary> records) {
    public DepositSummary {
        records = List.copyOf(records);
    }
}
