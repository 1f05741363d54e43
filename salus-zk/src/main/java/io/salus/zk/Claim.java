package io.salus.zk;

import io.salus.core.account.EvmAddress;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The public statement a patient proves: an attribute of {@code kind} satisfying {@code predicate}, signed at or after
 * {@code notBefore} (Unix seconds), counted once in {@code scope}, for {@code recipient}.
 */
public record Claim(AttributeKind kind, Predicate predicate, long notBefore, BigInteger scope, EvmAddress recipient) {
    public Claim {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(predicate, "predicate");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(recipient, "recipient");
        if (notBefore < 0 || !Bn254.isElement(scope)) {
            throw new IllegalArgumentException("notBefore is non-negative and the scope a field element");
        }
    }

    /**
     * A freshness bound that depends only on the clock and the scope's policy, so it reveals nothing about when the
     * attribute was issued: (now - maxAge) rounded down to a grain of min(1 h, maxAge / 4), plus two grains. The gate
     * accepts it for at least one grain after {@code nowSeconds}; an attribute issued before it is too old to prove.
     */
    public static long notBeforeFor(long nowSeconds, long maxAgeSeconds) {
        if (maxAgeSeconds < 4) {
            throw new IllegalArgumentException("a max age of at least 4 s");
        }
        long grain = Math.min(3_600, maxAgeSeconds / 4);
        long oldest = Math.max(0, nowSeconds - maxAgeSeconds);
        return oldest - Math.floorMod(oldest, grain) + 2 * grain;
    }
}
