package io.salus.core.consent;

import io.salus.core.account.EvmAddress;
import java.time.Instant;

/**
 * An EIP-712 signed instruction: the payload, who signed it, the signer's nonce in the contract, the deadline after
 * which the contract refuses it, and the 65-byte signature {@code r ‖ s ‖ v}.
 */
public record Signed<T>(T payload, EvmAddress signer, long nonce, Instant deadline, byte[] signature) {
}
