package io.salus.core.consent;

import io.salus.core.account.EvmAddress;
import java.time.Instant;

/**
 * A patient's delegation to a caregiver or legal representative: the scopes (a {@link DelegationScope} mask) until a
 * time. The latest delegation for a (patient, delegate) pair replaces earlier ones; scopes 0 revokes.
 */
public record Delegation(EvmAddress patient, EvmAddress delegate, int scopes, Instant validUntil, long atBlock) {

    public boolean allows(DelegationScope scope, Instant t) {
        return (scopes & scope.mask()) != 0 && t.isBefore(validUntil);
    }
}
