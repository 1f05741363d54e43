package io.salus.core.federation;

import io.salus.core.account.EvmAddress;
import java.time.Instant;

/** Port: the nonces of signed node requests seen so far, kept until their request expires. */
public interface NonceStore {

    /**
     * Records the nonce of a request from {@code node}; true the first time, false if it was seen before (a replay).
     * Atomic: two concurrent uses of one nonce cannot both be first.
     */
    boolean firstUse(EvmAddress node, String nonce, Instant expires);
}
