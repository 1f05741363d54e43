package io.salus.core.monitoring;

import java.util.Map;
import java.util.Set;

/**
 * A NEWS2 result. When inputs are missing the score is {@code partial}: {@code total} is then a lower bound (missing
 * parameters can only add points) and {@code risk} the least the patient's risk can be; {@code missing} names them.
 * {@code red} is true when a single parameter scored 3.
 */
public record News2Score(int total, Map<News2Parameter, Integer> subscores, Set<News2Parameter> missing,
        Risk risk, boolean red) {

    /** The RCP 2017 clinical risk bands. */
    public enum Risk {
        /** Aggregate 0-4. */
        LOW,
        /** A score of 3 in any single parameter (aggregate below 5): urgent ward-based response. */
        LOW_MEDIUM,
        /** Aggregate 5-6: key threshold for urgent response. */
        MEDIUM,
        /** Aggregate 7 or more: urgent or emergency response. */
        HIGH
    }

    public News2Score {
        subscores = Map.copyOf(subscores);
        missing = Set.copyOf(missing);
    }

    public boolean partial() {
        return !missing.isEmpty();
    }
}
