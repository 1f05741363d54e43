package io.salus.core.monitoring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fires when the patient's NEWS2, computed from the newest value of each input no older than {@code maxInputAge},
 * reaches {@code threshold}; clears when it falls below. A partial score (inputs missing) is a lower bound, so firing
 * on it is never a false alarm about the score; the alert says it was partial and what was missing.
 */
public record News2Rule(RuleId id, String title, int threshold, Duration maxInputAge, Severity severity)
        implements
            Rule {

    public News2Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(maxInputAge, "maxInputAge");
        Objects.requireNonNull(severity, "severity");
    }

    @Override
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (title.isBlank()) {
            p.add("the title is empty");
        }
        if (threshold < 1 || threshold > 20) {
            p.add("the NEWS2 threshold is between 1 and 20");
        }
        if (maxInputAge.isNegative() || maxInputAge.isZero() || maxInputAge.compareTo(Duration.ofDays(1)) > 0) {
            p.add("inputs may be at most a day old, and more than 0");
        }
        return p;
    }
}
