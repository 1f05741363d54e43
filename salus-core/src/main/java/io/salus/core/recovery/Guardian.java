package io.salus.core.recovery;

import io.salus.core.account.AccountId;
import io.salus.core.account.EvmAddress;
import io.salus.core.merkle.Hash32;
import java.util.Objects;

/** A guardian of a patient: the account, its address, the x of its share and the hash of the sealed share. */
public record Guardian(AccountId account, EvmAddress address, int x, Hash32 shareHash) {
    public Guardian {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(shareHash, "shareHash");
    }
}
