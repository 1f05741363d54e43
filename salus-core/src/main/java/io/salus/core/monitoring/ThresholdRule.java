package io.salus.core.monitoring;

import io.salus.core.device.Measure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fires when a reading of {@code measure} (canonical unit) breaches {@code threshold} on the {@code bound} side, and
 * stays active (raising nothing more) until a reading clears it by the {@code hysteresis} margin: a value hovering
 * around the threshold raises one alert, not one per reading.
 */
public record ThresholdRule(RuleId id, String title, Measure measure, Bound bound, double threshold,
        double hysteresis, Severity severity) implements Rule {

    public ThresholdRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(severity, "severity");
    }

    public boolean breaches(double value) {
        return bound.breaches(value, threshold);
    }

    public boolean clears(double value) {
        return bound.clears(value, threshold, hysteresis);
    }

    @Override
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (title.isBlank()) {
            p.add("the title is empty");
        }
        if (!Double.isFinite(threshold) || !measure.plausible(threshold)) {
            p.add("the threshold " + threshold + " is not a plausible " + measure + " in " + measure.canonicalUnit());
        }
        if (!Double.isFinite(hysteresis) || hysteresis < 0) {
            p.add("the hysteresis is a finite margin of at least 0");
        }
        return p;
    }
}
