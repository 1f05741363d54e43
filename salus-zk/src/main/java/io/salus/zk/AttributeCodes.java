package io.salus.zk;

import io.salus.core.merkle.Hashing;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * How attributes become field elements (documented in docs/zk.md, so that any prover or verifier can reproduce them):
 * <ul>
 * <li>a text (a kind's name, a coded concept {@code system|code}) is the first 31 bytes of keccak256 of its UTF-8
 * bytes, read big-endian: a 248-bit number, below the circuit's 252-bit range and the field;</li>
 * <li>a date is the number yyyymmdd, which orders like the date, so "born on or before the cut-off" is a plain
 * comparison and "N years before" is a subtraction of N·10000;</li>
 * <li>a measured value is a non-negative integer in the kind's unit and scale (e.g. HbA1c in 0.1 %: 6.5 % is 65).</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class AttributeCodes {
    /** The circuit compares values of at most this many bits. */
    public static final int VALUE_BITS = 252;
    public static final BigInteger MAX_VALUE = BigInteger.ONE.shiftLeft(VALUE_BITS).subtract(BigInteger.ONE);

    private AttributeCodes() {
    }

    /** The field element of a text: keccak256(UTF-8) truncated to its first 31 bytes. */
    public static BigInteger text(String text) {
        byte[] h = Hashing.keccak256(text.getBytes(StandardCharsets.UTF_8)).bytes();
        return new BigInteger(1, Arrays.copyOf(h, 31));
    }

    /** The field element of a coded concept: {@code text(system + "|" + code)}. */
    public static BigInteger code(String system, String code) {
        return text(system + "|" + code);
    }

    /** A date as yyyymmdd. */
    public static BigInteger date(LocalDate d) {
        if (d.getYear() < 0 || d.getYear() > 9999) {
            throw new IllegalArgumentException("years 0 to 9999 only");
        }
        return BigInteger.valueOf(d.getYear() * 10_000L + d.getMonthValue() * 100L + d.getDayOfMonth());
    }

    /**
     * The latest birth date (yyyymmdd) of someone at least {@code years} old on {@code today}: today's yyyymmdd minus
     * years·10000 (so someone born on 29 February comes of age on 1 March in common years), exactly as the gate
     * contract computes it from the block's time.
     */
    public static BigInteger ageCutoff(LocalDate today, int years) {
        return date(today).subtract(BigInteger.valueOf(years * 10_000L));
    }
}
