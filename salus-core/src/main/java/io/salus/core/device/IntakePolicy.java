package io.salus.core.device;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of batch intake.
 *
 * @param window
 *            how many sequence numbers below the highest accepted one are remembered: within it, late batches fill
 *            their gap and copies are recognised as duplicates; below it, a batch is refused as stale and a sequence
 *            never received is counted lost
 * @param maxReadings
 *            the most readings one batch may carry
 * @param maxClockSkew
 *            how far after the node's clock a batch may end (device clocks drift); later is refused
 */
public record IntakePolicy(int window, int maxReadings, Duration maxClockSkew) {
    /** 1,024 batches of window, 10,000 readings per batch, 5 minutes of clock skew. */
    public static final IntakePolicy DEFAULT = new IntakePolicy(1024, 10_000, Duration.ofMinutes(5));
    /** The highest sequence number a batch may carry (2^53 - 1), so no arithmetic on it can overflow. */
    public static final long MAX_SEQUENCE = (1L << 53) - 1;

    public IntakePolicy {
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        if (window < 1 || maxReadings < 1 || maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("window and maxReadings are positive, the skew not negative");
        }
    }
}
