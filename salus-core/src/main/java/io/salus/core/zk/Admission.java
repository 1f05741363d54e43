package io.salus.core.zk;

import io.salus.core.account.EvmAddress;
import java.math.BigInteger;
import java.util.Objects;

/** A proof the gate accepted: the scope, the nullifier it used up and the recipient, with the transaction's gas. */
public record Admission(BigInteger scope, BigInteger nullifier, EvmAddress recipient, String txHash, long gasUsed) {
    public Admission {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(nullifier, "nullifier");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(txHash, "txHash");
    }
}
