package io.salus.core.custody;

import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.Signed;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import java.util.Optional;

/**
 * The on-chain rotation of a patient's key (port; ConsentRegistry.rotateBySig): once rotated, nothing signed by the
 * old key is accepted. Writes are mined before they return. Thread-safe.
 */
public interface IdentityRotation {

    /** The next EIP-712 nonce of {@code key} on the consent contract. */
    long nextNonce(EvmAddress key);

    /** The EIP-712 digest the old key signs (the signature of {@code unsigned} is ignored). */
    Hash32 digest(Signed<Rotation> unsigned);

    /** The key {@code key} was rotated to, if it was. */
    Optional<EvmAddress> rotatedTo(EvmAddress key);

    Result<TxRef> rotate(Signed<Rotation> signed);
}
