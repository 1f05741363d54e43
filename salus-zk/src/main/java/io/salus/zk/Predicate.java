package io.salus.zk;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The predicate a proof shows about an attribute's value: lo &lt;= value &lt;= hi, both public. Equality of a code is
 * lo = hi; a threshold is [threshold, max]; "age at least N" is [0, birth-date cut-off].
 */
public record Predicate(BigInteger lo, BigInteger hi) {
    public Predicate {
        Objects.requireNonNull(lo, "lo");
        Objects.requireNonNull(hi, "hi");
        if (lo.signum() < 0 || hi.compareTo(AttributeCodes.MAX_VALUE) > 0 || lo.compareTo(hi) > 0) {
            throw new IllegalArgumentException("a predicate needs 0 <= lo <= hi < 2^" + AttributeCodes.VALUE_BITS);
        }
    }

    public static Predicate equalTo(BigInteger value) {
        return new Predicate(value, value);
    }

    public static Predicate atLeast(BigInteger threshold) {
        return new Predicate(threshold, AttributeCodes.MAX_VALUE);
    }

    public static Predicate atMost(BigInteger bound) {
        return new Predicate(BigInteger.ZERO, bound);
    }

    /** Born on or before today minus {@code years} (see {@link AttributeCodes#ageCutoff}). */
    public static Predicate ageAtLeast(int years, LocalDate today) {
        return atMost(AttributeCodes.ageCutoff(today, years));
    }

    public boolean holdsFor(BigInteger value) {
        return value.compareTo(lo) >= 0 && value.compareTo(hi) <= 0;
    }
}
