package io.salus.core.custody;

import io.salus.core.account.EvmAddress;
import java.util.Objects;

/** A patient key handing the patient's on-chain identity to a new key, signed by the old key (payload of a Signed). */
public record Rotation(EvmAddress patient, EvmAddress newKey) {
    public Rotation {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(newKey, "newKey");
    }
}
