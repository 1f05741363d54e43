package io.salus.core.monitoring;

/** Which side of a threshold breaches it. */
public enum Bound {
    AT_OR_ABOVE(true, true),
    ABOVE(true, false),
    BELOW(false, false),
    AT_OR_BELOW(false, true);

    private final boolean upper;
    private final boolean inclusive;

    Bound(boolean upper, boolean inclusive) {
        this.upper = upper;
        this.inclusive = inclusive;
    }

    /** Whether {@code value} is on the breaching side of {@code threshold}. */
    public boolean breaches(double value, double threshold) {
        if (upper) {
            return inclusive ? value >= threshold : value > threshold;
        }
        return inclusive ? value <= threshold : value < threshold;
    }

    /**
     * Whether {@code value} has come back past the threshold by the hysteresis margin: a breach of the threshold moved
     * {@code hysteresis} towards normal no longer holds. With a margin of 0 this is exactly "does not breach".
     */
    public boolean clears(double value, double threshold, double hysteresis) {
        return !breaches(value, upper ? threshold - hysteresis : threshold + hysteresis);
    }

    public String symbol() {
        return upper ? (inclusive ? "≥" : ">") : (inclusive ? "≤" : "<");
    }
}
