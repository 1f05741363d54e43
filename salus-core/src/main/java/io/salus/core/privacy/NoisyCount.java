package io.salus.core.privacy;

/**
 * A count released under differential privacy: either a noisy value of at least the suppression threshold, or only
 * the statement that the noisy value was below it. Immutable.
 */
public sealed interface NoisyCount {

    /** What a consumer is shown: the number, or {@code "fewer than 11"}. */
    String display();

    /** A noisy count at or above the threshold. */
    record Released(long value) implements NoisyCount {
        public Released {
            if (value < CountRelease.THRESHOLD) {
                throw new IllegalArgumentException("a released count is at least " + CountRelease.THRESHOLD);
            }
        }

        @Override
        public String display() {
            return Long.toString(value);
        }
    }

    /** The noisy count was below {@code threshold}; nothing more is said. */
    record FewerThan(long threshold) implements NoisyCount {
        @Override
        public String display() {
            return "fewer than " + threshold;
        }
    }
}
