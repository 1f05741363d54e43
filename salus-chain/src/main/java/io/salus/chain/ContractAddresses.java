package io.salus.chain;

import io.salus.core.account.EvmAddress;
import java.util.Objects;

/** Where the Salus contracts live on a chain. */
public record ContractAddresses(EvmAddress identityRegistry, EvmAddress recordRegistry) {
    public ContractAddresses {
        Objects.requireNonNull(identityRegistry, "identityRegistry");
        Objects.requireNonNull(recordRegistry, "recordRegistry");
    }
}
