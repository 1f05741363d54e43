package io.salus.core.move;

import io.salus.core.account.EvmAddress;
import io.salus.core.anchor.TxRef;
import io.salus.core.consent.Signed;
import io.salus.core.error.Result;
import io.salus.core.merkle.Hash32;
import java.util.Optional;

/**
 * Port: the home of an account on chain ({@code IdentityRegistry}), changed only by the account's own EIP-712
 * signature ({@code moveHomeBySig}: the account's nonce, a deadline, the home it leaves, a registrar to move to).
 */
public interface HomeMoves {
    long nextNonce(EvmAddress account);

    Hash32 digest(Signed<HomeMove> move);

    /** Relays the signed move and waits until it is mined; the contract's refusal is {@code MOVE_REFUSED_ON_CHAIN}. */
    Result<TxRef> move(Signed<HomeMove> move);

    /** The node the account's home moved away from last, if it ever moved. */
    Optional<EvmAddress> movedFrom(EvmAddress account);
}
