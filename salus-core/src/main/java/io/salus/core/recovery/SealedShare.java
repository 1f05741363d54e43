package io.salus.core.recovery;

import io.salus.core.account.AccountId;
import java.util.Objects;

/** A share as stored: HPKE-sealed to its holder (a guardian, or the recovery's new key once approved). */
public record SealedShare(AccountId patient, AccountId holder, int x, byte[] sealed) {
    public SealedShare {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(holder, "holder");
        sealed = sealed.clone();
    }

    @Override
    public byte[] sealed() {
        return sealed.clone();
    }
}
