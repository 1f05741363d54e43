package io.salus.core.custody;

import io.salus.core.account.EvmAddress;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;

/**
 * Recovers the EVM address that signed a 32-byte digest (65 bytes r ‖ s ‖ v, low s, as the contracts accept them);
 * a malformed or malleable signature fails. Thread-safe.
 */
@FunctionalInterface
public interface AddressRecovery {
    Result<EvmAddress> recover(Hash32 digest, byte[] signature);
}
