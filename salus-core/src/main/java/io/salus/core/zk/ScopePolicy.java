package io.salus.core.zk;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * What a scope (a patient DAO, a study) admits: a proof about an attribute of {@code kind} whose range [lo, hi] lies
 * within [{@code lo}, {@code hi}] (and, when {@code minAgeYears} is positive, whose hi is at most today's date minus
 * that many years, as yyyymmdd by the chain's clock), signed by a registered provider no longer than {@code maxAge}
 * ago.
 */
public record ScopePolicy(BigInteger kind, BigInteger lo, BigInteger hi, Duration maxAge, int minAgeYears) {
    public ScopePolicy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(lo, "lo");
        Objects.requireNonNull(hi, "hi");
        Objects.requireNonNull(maxAge, "maxAge");
        if (lo.signum() < 0 || hi.compareTo(lo) < 0 || maxAge.isNegative() || maxAge.isZero() || minAgeYears < 0
                || minAgeYears > 150) {
            throw new IllegalArgumentException("a scope policy needs 0 <= lo <= hi, a positive max age and an age "
                    + "of 0 to 150 years");
        }
    }
}
