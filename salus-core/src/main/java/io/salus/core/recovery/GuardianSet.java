package io.salus.core.recovery;

import io.salus.core.account.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A patient's guardians and threshold k, under the on-chain epoch they were set in, with the transaction that
 * recorded them.
 */
public record GuardianSet(AccountId patient, int threshold, List<Guardian> guardians, long epoch, String txHash,
        Instant setAt) {
    public GuardianSet {
        Objects.requireNonNull(patient, "patient");
        guardians = List.copyOf(guardians);
        Objects.requireNonNull(txHash, "txHash");
        Objects.requireNonNull(setAt, "setAt");
    }

    public Optional<Guardian> guardian(AccountId account) {
        return guardians.stream().filter(g -> g.account().equals(account)).findFirst();
    }
}
