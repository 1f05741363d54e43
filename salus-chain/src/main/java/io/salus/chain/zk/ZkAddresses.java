package io.salus.chain.zk;

import io.salus.core.account.EvmAddress;
import java.util.Objects;

/** Where the zero-knowledge contracts live: the generated Groth16 verifier, the provider key registry and the gate. */
public record ZkAddresses(EvmAddress verifier, EvmAddress registry, EvmAddress gate) {
    public ZkAddresses {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(gate, "gate");
    }
}
