package io.salus.core.privacy;

import io.salus.core.error.ErrorCode;
import io.salus.core.error.Result;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The privacy parameter of one release: an exact positive rational {@code numerator / denominator}, from a decimal with
 * at most {@value #MAX_SCALE} decimal places and at most {@link #MAX}. It is never a binary floating-point number, so
 * the mechanism that uses it can be exact. Immutable.
 */
public final class Epsilon {
    /** The largest epsilon accepted for one query (beyond it the noise protects nothing). */
    public static final BigDecimal MAX = BigDecimal.TEN;
    /** The finest resolution accepted: 0.000001. */
    public static final int MAX_SCALE = 6;
    private static final int MAX_TEXT = 32;
    private static final Set<String> NON_FINITE = Set.of("nan", "inf", "infinity");

    private final BigDecimal value;
    private final long numerator;
    private final long denominator;

    private Epsilon(BigDecimal value, long numerator, long denominator) {
        this.value = value;
        this.numerator = numerator;
        this.denominator = denominator;
    }

    /** Parses a decimal such as {@code "0.5"} or {@code "1e-1"}; anything else fails with {@code INVALID_EPSILON}. */
    public static Result<Epsilon> parse(String text) {
        if (text == null || text.isBlank()) {
            return invalid("epsilon is missing");
        }
        String t = text.strip();
        String unsigned = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
        if (NON_FINITE.contains(unsigned.toLowerCase(Locale.ROOT))) {
            return invalid("epsilon must be finite, got " + t);
        }
        if (t.length() > MAX_TEXT) {
            return invalid("epsilon is not a decimal number of at most " + MAX_TEXT + " characters");
        }
        try {
            return of(new BigDecimal(t));
        } catch (NumberFormatException e) {
            return invalid("epsilon is not a decimal number: " + t);
        }
    }

    /** Checks and converts a decimal: positive, at most {@link #MAX}, at most {@value #MAX_SCALE} decimal places. */
    public static Result<Epsilon> of(BigDecimal value) {
        if (value == null) {
            return invalid("epsilon is missing");
        }
        if (value.signum() <= 0) {
            return invalid("epsilon must be positive, got " + value.toPlainString());
        }
        if (value.compareTo(MAX) > 0) {
            return invalid("epsilon must be at most " + MAX.toPlainString());
        }
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() > MAX_SCALE) {
            return invalid("epsilon has more than " + MAX_SCALE + " decimal places: " + v.toPlainString());
        }
        BigInteger num = v.scale() >= 0 ? v.unscaledValue() : v.toBigIntegerExact();
        BigInteger den = v.scale() >= 0 ? BigInteger.TEN.pow(v.scale()) : BigInteger.ONE;
        BigInteger gcd = num.gcd(den);
        return Result.ok(new Epsilon(v, num.divide(gcd).longValueExact(), den.divide(gcd).longValueExact()));
    }

    private static Result<Epsilon> invalid(String detail) {
        return Result.fail(ErrorCode.INVALID_EPSILON, detail);
    }

    /** The exact decimal value (trailing zeros stripped). */
    public BigDecimal value() {
        return value;
    }

    /** Numerator of epsilon in lowest terms (positive). */
    public long numerator() {
        return numerator;
    }

    /** Denominator of epsilon in lowest terms (positive). */
    public long denominator() {
        return denominator;
    }

    /**
     * This epsilon divided by {@code divisor}: the parameter of one of {@code divisor} equal parts (sequential
     * composition), or of a release with sensitivity {@code divisor} given to a mechanism of sensitivity 1. Exact.
     */
    public Epsilon over(long divisor) {
        if (divisor < 1) {
            throw new IllegalArgumentException("divisor must be positive, got " + divisor);
        }
        BigInteger num = BigInteger.valueOf(numerator);
        BigInteger den = BigInteger.valueOf(denominator).multiply(BigInteger.valueOf(divisor));
        BigInteger gcd = num.gcd(den);
        return new Epsilon(value.divide(BigDecimal.valueOf(divisor), MathContext.DECIMAL64),
                num.divide(gcd).longValueExact(), den.divide(gcd).longValueExact());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Epsilon e && e.numerator == numerator && e.denominator == denominator;
    }

    @Override
    public int hashCode() {
        return Objects.hash(numerator, denominator);
    }

    @Override
    public String toString() {
        return value.toPlainString();
    }
}
