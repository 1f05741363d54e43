package io.salus.core.monitoring;

import io.salus.core.device.Measure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fires when {@code measure} changed by at least {@code change} (canonical unit; positive: a rise, negative: a fall)
 * within {@code window}: the newest reading minus the oldest one no older than {@code window} before it. It stays
 * active until the change is smaller than {@code change} by the {@code hysteresis} margin.
 */
public record TrendRule(RuleId id, String title, Measure measure, Duration window, double change, double hysteresis,
        Severity severity) implements Rule {

    public TrendRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(severity, "severity");
    }

    public boolean breaches(double delta) {
        return change > 0 ? delta >= change : delta <= change;
    }

    public boolean clears(double delta) {
        return change > 0 ? delta < change - hysteresis : delta > change + hysteresis;
    }

    @Override
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (title.isBlank()) {
            p.add("the title is empty");
        }
        if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofDays(31)) > 0) {
            p.add("the window is longer than 0 and at most 31 days");
        }
        if (!Double.isFinite(change) || change == 0) {
            p.add("the change is a finite rise (> 0) or fall (< 0)");
        }
        if (!Double.isFinite(hysteresis) || hysteresis < 0 || hysteresis >= Math.abs(change)) {
            p.add("the hysteresis is at least 0 and smaller than the change");
        }
        return p;
    }
}
